package dev.dingbot.storage.postgres;

import dev.dingbot.storage.postgres.DatabaseFacts.SchemaState;
import dev.dingbot.testkit.postgres.LocalPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dingbot check}'s look at the database: what it finds, and that looking changes nothing. */
class InspectTest {

    private final LocalPostgres.Database database = LocalPostgres.start().createDatabase();

    private PostgresSettings.Builder settings() {
        return PostgresSettings.builder(database.jdbcUrl()).user(database.user()).password(database.password());
    }

    @Test
    void an_empty_database_has_no_tables_yet_and_inspecting_it_creates_none() {
        DatabaseFacts facts = PostgresStorage.inspect(settings().build());

        assertThat(facts.schemaState()).isEqualTo(SchemaState.NONE);
        assertThat(facts.schemaVersion()).isEqualTo("none");
        assertThat(facts.liveInstances()).isEmpty();
        assertThat(PostgresStorage.inspect(settings().build()).schemaState()).as("looked at again")
                .isEqualTo(SchemaState.NONE);
    }

    @Test
    void the_live_instances_are_shown_and_inspecting_does_not_count_itself_among_them() {
        try (PostgresStorage running = PostgresStorage.open(settings().instanceId("bot-a").build())) {
            DatabaseFacts facts = PostgresStorage.inspect(settings().instanceId("the-check").build());

            assertThat(facts.schemaState()).isEqualTo(SchemaState.CURRENT);
            assertThat(facts.schemaVersion()).isEqualTo(facts.knownVersion()).isEqualTo(running.schemaVersion());
            assertThat(facts.liveInstances()).containsOnlyKeys("bot-a");
            assertThat(running.liveInstances()).containsOnlyKeys("bot-a");
        }
    }

    @Test
    void tables_of_an_older_version_are_shown_as_such_and_left_for_the_next_start_to_upgrade() {
        Flyway.configure().dataSource(database.jdbcUrl(), database.user(), database.password())
                .locations(Schema.MIGRATIONS).target("1").load().migrate();

        DatabaseFacts facts = PostgresStorage.inspect(settings().build());

        assertThat(facts.schemaState()).isEqualTo(SchemaState.OLDER);
        assertThat(facts.schemaVersion()).isEqualTo("1");
        assertThat(PostgresStorage.inspect(settings().build()).schemaVersion()).as("not upgraded").isEqualTo("1");
    }

    @Test
    void tables_of_a_newer_version_are_shown_with_both_versions() {
        PostgresStorage.open(settings().instanceId("newer").build(), Schema.MIGRATIONS, "classpath:db/newer").close();

        DatabaseFacts facts = PostgresStorage.inspect(settings().build());

        assertThat(facts.schemaState()).isEqualTo(SchemaState.NEWER);
        assertThat(facts.schemaVersion()).isEqualTo("900");
        assertThat(facts.knownVersion()).isNotEqualTo("900").isNotEqualTo("none");
    }
}
