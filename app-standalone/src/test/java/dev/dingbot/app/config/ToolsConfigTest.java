package dev.dingbot.app.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ToolsConfigTest {

    private static final String KEY = "api_key: sk-test-key-0001\n";

    @TempDir
    Path dir;

    private AppConfig load(String yaml, Map<String, String> env) throws ConfigException {
        return ConfigFixtures.load(ConfigFixtures.write(dir, KEY + yaml), env);
    }

    private ConfigException problemsOf(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> load(yaml, Map.of()));
    }

    @Test
    void both_built_in_tools_are_offered_unless_the_config_names_others_or_none() throws Exception {
        assertThat(load("", Map.of()).tools().builtIn()).containsExactly("whois", "tls_certificate");
        assertThat(load("tools:\n  builtin: []\n", Map.of()).tools().builtIn()).isEmpty();
        assertThat(load("tools:\n  builtin: [\"whois\"]\n", Map.of()).tools().builtIn()).containsExactly("whois");
        assertThat(load("", Map.of("TOOLS_BUILTIN", "tls_certificate")).tools().builtIn()).containsExactly("tls_certificate");
    }

    @Test
    void an_unknown_built_in_tool_is_a_config_error_naming_the_key_and_the_tools_there_are() {
        ConfigException e = problemsOf("tools:\n  builtin: [\"whois\", \"nslookup\"]\n");
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("tools.builtin");
            assertThat(p.value()).isEqualTo("nslookup");
            assertThat(p.fix()).contains("[whois, tls_certificate]");
        });
    }

    @Test
    void tools_enabled_false_offers_no_tool_at_all() throws Exception {
        AppConfig c = load("tools:\n  enabled: false\nmcp_servers:\n  ops:\n    command: python3\n", Map.of());
        assertThat(c.tools().any()).isFalse();
    }

    @Test
    void the_tool_limits_reach_the_model_loop() throws Exception {
        AppConfig c = load("tools:\n  max_rounds: 2\n  call_timeout: 5s\n  max_result_chars: 500\n", Map.of());
        assertThat(c.botSettings().tools().maxRounds()).isEqualTo(2);
        assertThat(c.botSettings().tools().callTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.botSettings().tools().maxResultChars()).isEqualTo(500);
        assertThat(c.tools().callTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void mcp_servers_are_read_in_the_usual_mcp_servers_shape_stdio_and_streamable_http() throws Exception {
        AppConfig c = load("""
                mcp_servers:
                  ops:
                    command: "python3"
                    args: ["/opt/mcp/ops_server.py", "--verbose"]
                    env: {"TOKEN": "tok-secret-1"}
                    admin_only: true
                    allow_users: ["u1"]
                    allow_groups: ["cid1"]
                  docs:
                    url: "https://mcp.example.com/mcp"
                    headers: {"Authorization": "Bearer hdr-secret-2"}
                """, Map.of());

        assertThat(c.tools().mcpServers()).hasSize(2);
        AppConfig.McpServer ops = c.tools().mcpServers().get(0);
        assertThat(ops.name()).isEqualTo("ops");
        assertThat(ops.stdio()).isTrue();
        assertThat(ops.args()).containsExactly("/opt/mcp/ops_server.py", "--verbose");
        assertThat(ops.env().get("TOKEN").reveal()).isEqualTo("tok-secret-1");
        assertThat(ops.adminOnly()).isTrue();
        assertThat(ops.allowUsers()).containsExactly("u1");
        assertThat(ops.allowGroups()).containsExactly("cid1");
        AppConfig.McpServer docs = c.tools().mcpServers().get(1);
        assertThat(docs.stdio()).isFalse();
        assertThat(docs.url()).isEqualTo("https://mcp.example.com/mcp");
        assertThat(docs.headers().get("Authorization").reveal()).isEqualTo("Bearer hdr-secret-2");
    }

    @Test
    void env_and_header_values_of_mcp_servers_never_appear_where_config_is_printed() throws Exception {
        AppConfig c = load("""
                mcp_servers:
                  ops: {command: "python3", env: {"TOKEN": "tok-secret-1"}}
                  docs: {url: "https://mcp.example.com/mcp", headers: {"Authorization": "Bearer hdr-secret-2"}}
                """, Map.of());

        for (String printed : new String[]{c.describe(), c.toString(), c.tools().toString()}) {
            assertThat(printed).doesNotContain("tok-secret-1").doesNotContain("hdr-secret-2");
        }
        assertThat(c.describe()).contains("ops: command python3, env {TOKEN=***}")
                .contains("docs: url https://mcp.example.com/mcp, headers {Authorization=***}");
    }

    @Test
    void every_mistake_in_mcp_servers_is_reported_at_once_naming_the_server_and_the_fix() {
        ConfigException e = problemsOf("""
                mcp_servers:
                  none: {admin_only: true}
                  both: {command: "x", url: "https://h/mcp"}
                  badurl: {url: "ftp://h/mcp"}
                  badenv: {command: "x", env: ["A=1"]}
                """);
        assertThat(e.problems()).extracting(ConfigProblem::key).containsExactlyInAnyOrder(
                "mcp_servers.none", "mcp_servers.both", "mcp_servers.badurl.url", "mcp_servers.badenv.env");
        assertThat(e.problems()).filteredOn(p -> p.key().equals("mcp_servers.none")).singleElement()
                .satisfies(p -> assertThat(p.fix()).contains("command").contains("url"));
    }

    @Test
    void a_misspelt_field_of_a_server_is_named_with_its_likely_meaning() throws Exception {
        AppConfig c = load("mcp_servers:\n  ops:\n    command: python3\n    admin_onyl: true\n", Map.of());
        assertThat(c.warnings()).anySatisfy(w -> assertThat(w)
                .contains("'mcp_servers.ops.admin_onyl'").contains("did you mean 'admin_only'"));
    }
}
