package dev.dingbot.core.contract;

import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.LinkedContent;
import dev.dingbot.core.port.LinkStore;
import dev.dingbot.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link LinkStore} promises. Subclasses give a fresh, empty store on {@code clock} per test. */
public abstract class LinkStoreContract {

    protected final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));

    protected abstract LinkStore store(Clock clock);

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};

    private Instant in(Duration d) {
        return clock.instant().plus(d);
    }

    private static String token(char c) {
        return String.valueOf(c).repeat(32);
    }

    @Test
    void a_page_is_given_back_with_its_title_text_and_expiry() {
        LinkStore store = store(clock);
        LinkedContent page = LinkedContent.page("张三的对话", "## 🙋 张三 问\n\n回答", in(Duration.ofHours(24)));

        store.put(token('a'), page);

        assertThat(store.get(token('a'))).hasValueSatisfying(found -> {
            assertThat(found).isEqualTo(page);
            assertThat(found.kind()).isEqualTo(LinkedContent.Kind.PAGE);
            assertThat(found.text()).isEqualTo("## 🙋 张三 问\n\n回答");
        });
    }

    @Test
    void an_image_is_given_back_with_its_bytes_media_type_and_expiry() {
        LinkStore store = store(clock);
        LinkedContent png = LinkedContent.image(Image.of(PNG), in(Duration.ofDays(7)));
        LinkedContent jpeg = LinkedContent.image(Image.of(JPEG), in(Duration.ofHours(1)));

        store.put(token('p'), png);
        store.put(token('j'), jpeg);

        assertThat(store.get(token('p'))).contains(png);
        assertThat(store.get(token('j'))).hasValueSatisfying(found -> {
            assertThat(found).isEqualTo(jpeg);
            assertThat(found.image()).isEqualTo(new Image(JPEG, "image/jpeg"));
        });
    }

    @Test
    void an_unknown_token_leads_nowhere() {
        LinkStore store = store(clock);
        store.put(token('a'), LinkedContent.page("t", "x", in(Duration.ofHours(1))));

        assertThat(store.get(token('b'))).isEmpty();
        assertThat(store.get("a")).isEmpty();
    }

    @Test
    void content_is_there_until_just_before_its_expiry_and_gone_from_it_on() {
        LinkStore store = store(clock);
        store.put(token('a'), LinkedContent.page("t", "x", in(Duration.ofMinutes(5))));
        store.put(token('i'), LinkedContent.image(Image.of(PNG), in(Duration.ofMinutes(10))));

        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(store.get(token('a'))).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.get(token('a'))).isEmpty();
        assertThat(store.get(token('i'))).as("an image expires on its own time").isPresent();
        clock.advance(Duration.ofMinutes(5));
        assertThat(store.get(token('i'))).isEmpty();
    }

    @Test
    void purging_deletes_what_expired_counts_it_and_keeps_the_rest() {
        LinkStore store = store(clock);
        store.put(token('a'), LinkedContent.page("old", "a", in(Duration.ofMinutes(1))));
        store.put(token('i'), LinkedContent.image(Image.of(PNG), in(Duration.ofMinutes(1))));
        LinkedContent kept = LinkedContent.page("young", "b", in(Duration.ofHours(1)));
        store.put(token('b'), kept);
        clock.advance(Duration.ofMinutes(2));

        assertThat(store.purgeExpired()).isEqualTo(2);
        assertThat(store.purgeExpired()).isZero();
        assertThat(store.get(token('b'))).contains(kept);
    }

    @Test
    void a_name_that_is_no_token_leads_nowhere_and_cannot_be_stored_under() {
        LinkStore store = store(clock);
        LinkedContent page = LinkedContent.page("t", "x", in(Duration.ofHours(1)));

        for (String name : new String[] {"", "../../secret", "a/b", "a.md", "%2E%2E", "x".repeat(65)}) {
            assertThat(store.get(name)).as(name).isEmpty();
            assertThatThrownBy(() -> store.put(name, page)).as(name).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(store.get(null)).isEmpty();
    }
}
