package dev.dingbot.app.config;

import dev.dingbot.storage.postgres.PostgresSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class StorageConfigTest {

    @TempDir
    Path dir;

    @Test
    void without_storage_keys_the_bot_keeps_its_state_in_files_and_names_itself_by_pid_and_host() throws Exception {
        AppConfig.Storage storage = ConfigFixtures.load(ConfigFixtures.write(dir, "api_key: k\n"), Map.of()).storage();

        assertThat(storage.kind()).isEqualTo(AppConfig.StorageKind.FILE);
        assertThat(storage.postgres()).isEqualTo(new AppConfig.Postgres("", "", Secret.empty(), 10,
                Duration.ofSeconds(30)));
        assertThat(storage.instanceId()).startsWith(ProcessHandle.current().pid() + "@").hasSizeGreaterThan(
                String.valueOf(ProcessHandle.current().pid()).length() + 1);
    }

    @Test
    void the_environment_sets_every_storage_key_by_its_own_name() throws Exception {
        Path file = ConfigFixtures.write(dir, "api_key: k\n");

        AppConfig config = ConfigFixtures.load(file, Map.of("STORAGE_KIND", "postgres",
                "STORAGE_POSTGRES_URL", "jdbc:postgresql://db:5433/dingbot", "STORAGE_POSTGRES_USER", "bot",
                "STORAGE_POSTGRES_PASSWORD", "pg-s3cret", "STORAGE_POSTGRES_POOL_SIZE", "4",
                "STORAGE_POSTGRES_LEASE", "45s", "INSTANCE_ID", "bot-2"));

        assertThat(config.storage()).isEqualTo(new AppConfig.Storage(dir.resolve("data"), AppConfig.Fsync.BATCH,
                AppConfig.StorageKind.POSTGRES, new AppConfig.Postgres("jdbc:postgresql://db:5433/dingbot", "bot",
                Secret.of("pg-s3cret"), 4, Duration.ofSeconds(45)), "bot-2"));
        PostgresSettings settings = config.postgresSettings();
        assertThat(List.of(settings.url(), settings.user(), settings.password(), settings.poolSize(),
                settings.lease(), settings.instanceId())).containsExactly("jdbc:postgresql://db:5433/dingbot", "bot",
                "pg-s3cret", 4, Duration.ofSeconds(45), "bot-2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://db:5432/dingbot", "postgres://bot:pw@db:5432/dingbot",
            "postgresql://db/dingbot?sslmode=require"})
    void both_spellings_of_a_postgresql_url_are_accepted(String url) throws Exception {
        Path file = ConfigFixtures.write(dir, "api_key: k\nstorage:\n  kind: postgres\n  postgres:\n    url: \""
                + url + "\"\n");

        assertThat(ConfigFixtures.load(file, Map.of()).storage().postgres().url()).isEqualTo(url);
    }

    @Test
    void postgres_storage_without_a_url_is_reported_naming_the_key_and_the_fix() {
        Path file = ConfigFixtures.write(dir, "api_key: k\nstorage:\n  kind: postgres\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigFixtures.load(file, Map.of()));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("storage.postgres.url (env STORAGE_POSTGRES_URL)");
            assertThat(p.fix()).contains("storage.kind is postgres", "postgres://", "storage.kind: file");
        });
    }

    @Test
    void a_url_that_is_not_postgresql_is_reported_without_the_password_it_holds() {
        Path file = ConfigFixtures.write(dir, "api_key: k\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigFixtures.load(file,
                Map.of("STORAGE_KIND", "postgres", "STORAGE_POSTGRES_URL", "mysql://bot:pg-s3cret@db:3306/dingbot")));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("storage.postgres.url (env STORAGE_POSTGRES_URL)");
            assertThat(p.value()).isEqualTo("mysql://***@db:3306/dingbot");
            assertThat(p.fix()).contains("jdbc:postgresql://host:5432/db", "postgres://user:password@host:5432/db");
        });
        assertThat(e.getMessage()).doesNotContain("pg-s3cret");
    }

    @Test
    void the_database_password_is_masked_wherever_config_is_printed_also_inside_the_url() throws Exception {
        Path file = ConfigFixtures.write(dir, "api_key: k\nstorage:\n  kind: postgres\n  postgres:\n"
                + "    url: \"postgres://bot:url-s3cret@db:5432/dingbot?password=query-s3cret\"\n"
                + "    password: key-s3cret\n");

        AppConfig config = ConfigFixtures.load(file, Map.of());

        assertThat(config.describe()).contains("storage.postgres.url: postgres://***@db:5432/dingbot?password=***",
                "storage.postgres.password: ***", "storage.kind: postgres");
        for (String printed : List.of(config.describe(), config.toString(), config.storage().toString(),
                config.postgresSettings().toString())) {
            assertThat(printed).doesNotContain("url-s3cret", "query-s3cret", "key-s3cret");
        }
    }
}
