package dev.dingbot.storage.postgres;

import dev.dingbot.core.model.Usage;
import dev.dingbot.core.model.UsageTotal;
import dev.dingbot.testkit.postgres.LocalPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** Rows written before models could be chosen and providers chained read as the default model and no provider. */
class UpgradeToV5Test {

    private static final LocalDate DAY = LocalDate.of(2026, 1, 10);

    private final LocalPostgres.Database database = LocalPostgres.start().createDatabase();

    @Test
    void a_session_and_usage_of_version_4_are_kept_on_the_default_model_and_without_a_provider() throws SQLException {
        Flyway.configure().dataSource(database.jdbcUrl(), database.user(), database.password())
                .locations(Schema.MIGRATIONS).target("4").load().migrate();
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement s = c.createStatement()) {
            s.execute("INSERT INTO sessions (key, mode, turn_roles, turn_texts, last_answer_id, updated_at) "
                    + "VALUES ('k', 'CONTEXT', ARRAY['USER'], ARRAY['hi'], 3, now())");
            s.execute("INSERT INTO usage_totals (day, model, prompt_tokens, completion_tokens) "
                    + "VALUES ('2026-01-10', 'gpt-4o', 10, 20)");
        }

        try (PostgresStorage storage = PostgresStorage.open(PostgresSettings.builder(database.jdbcUrl())
                .user(database.user()).password(database.password()).instanceId("upgraded").build())) {
            storage.usage().record(DAY, new Usage("gpt-4o", 1, 2, "azure"));
            storage.usage().record(DAY, new Usage("gpt-4o", 1, 1));

            assertThat(storage.sessions().find("k").orElseThrow().model()).isEmpty();
            assertThat(storage.usage().totals(DAY, DAY)).containsExactlyInAnyOrder(
                    new UsageTotal("gpt-4o", 11, 21), new UsageTotal("gpt-4o", 1, 2, "azure"));
        }
    }
}
