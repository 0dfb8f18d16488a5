package dev.dingbot.mcp;

import dev.dingbot.core.model.ToolDefinition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ToolNamesTest {

    @Test
    void a_name_is_the_server_and_the_tool_joined_by_an_underscore() {
        assertThat(ToolNames.fit("github", "create_issue")).isEqualTo("github_create_issue");
    }

    @Test
    void characters_providers_refuse_become_underscores() {
        assertThat(ToolNames.fit("my.server", "files/read 文件")).isEqualTo("my_server_files_read___");
    }

    @Test
    void a_name_too_long_is_cut_and_ends_with_a_hash_that_keeps_it_apart_from_its_neighbours() {
        String tool = "a".repeat(80);
        String one = ToolNames.fit("srv", tool + "1");
        String two = ToolNames.fit("srv", tool + "2");

        assertThat(one).hasSize(64).matches(ToolDefinition.NAME).startsWith("srv_aaaa").isNotEqualTo(two);
        assertThat(ToolNames.fit("srv", tool + "1")).as("the same every time").isEqualTo(one);
    }

    @Test
    void the_name_for_a_taken_one_differs_from_it_and_still_fits() {
        String plain = ToolNames.fit("a.b", "c");
        String other = ToolNames.hashed("a.b", "c");

        assertThat(plain).isEqualTo("a_b_c");
        assertThat(other).isNotEqualTo(plain).matches(ToolDefinition.NAME);
        assertThat(other).isNotEqualTo(ToolNames.hashed("a_b", "c"));
    }
}
