package dev.dingbot.app.config;

import dev.dingbot.dingtalk.DingTalkSettings.Credential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CredentialsTest {

    @TempDir
    Path dir;

    @Test
    void env_credentials_split_on_the_first_colon_and_a_malformed_item_is_reported_not_skipped() {
        List<String> problems = new ArrayList<>();

        List<Credential> parsed = Credentials.parse("i1:s1,bad,i2:s:2", "credentials",
                (key, value, fix) -> problems.add(key + "|" + value));

        assertThat(parsed).containsExactly(new Credential("i1", "s1"), new Credential("i2", "s:2"));
        assertThat(problems).singleElement().asString().contains("item 2").doesNotContain("bad");
    }

    @Test
    void a_malformed_env_credential_stops_the_start_with_a_problem_naming_the_env_var() {
        Path file = ConfigFixtures.write(dir, "api_key: k\n");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigFixtures.load(file, Map.of("DINGTALK_CREDENTIALS", "i1:s1,bad,i2:s:2")));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("credentials (env DINGTALK_CREDENTIALS)");
            assertThat(p.fix()).contains("client_id:client_secret");
        });
    }

    @Test
    void env_credentials_replace_the_whole_file_list() throws Exception {
        Path file = ConfigFixtures.write(dir, """
                api_key: k
                credentials:
                  - {client_id: file-id, client_secret: file-secret}
                """);

        AppConfig c = ConfigFixtures.load(file, Map.of("DINGTALK_CREDENTIALS", " i1:s1 , i2:s:2 ,"));

        assertThat(c.dingtalk().credentials()).containsExactly(new Credential("i1", "s1"), new Credential("i2", "s:2"));
    }

    @Test
    void a_file_credential_without_its_secret_is_reported() {
        Path file = ConfigFixtures.write(dir, "api_key: k\ncredentials:\n  - client_id: only-id\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigFixtures.load(file, Map.of()));

        assertThat(e.problems()).extracting(ConfigProblem::key).containsExactly("credentials[1]");
    }
}
