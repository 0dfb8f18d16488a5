package dev.dingbot.app.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ByteSizesTest {

    @Test
    void sizes_are_read_as_bytes_or_with_a_binary_unit_in_any_case() {
        assertThat(ByteSizes.parse("1048576")).isEqualTo(1_048_576L);
        assertThat(ByteSizes.parse("20MB")).isEqualTo(20L << 20);
        assertThat(ByteSizes.parse("512 kb")).isEqualTo(512L << 10);
        assertThat(ByteSizes.parse("1GiB")).isEqualTo(1L << 30);
        assertThat(ByteSizes.parse("20m")).isEqualTo(20L << 20);
    }

    @Test
    void what_is_not_a_size_is_null() {
        assertThat(ByteSizes.parse("twenty")).isNull();
        assertThat(ByteSizes.parse("-5MB")).isNull();
        assertThat(ByteSizes.parse("5TB")).isNull();
        assertThat(ByteSizes.parse("1.5MB")).isNull();
    }

    @Test
    void a_size_is_shown_in_the_largest_unit_that_divides_it() {
        assertThat(ByteSizes.format(20L << 20)).isEqualTo("20MB");
        assertThat(ByteSizes.format(3072)).isEqualTo("3KB");
        assertThat(ByteSizes.format(1536)).isEqualTo("1536B");
    }
}
