package dev.dingbot.storage.postgres;

import dev.dingbot.core.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What the storage tells about the shared database: who runs on it, its schema version, whether it answers. */
class StorageStatusTest {

    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final Duration lease = PostgresSettings.DEFAULT_LEASE;

    private PostgresStorage instance(String id) {
        return db.open(db.settings().instanceId(id).clock(clock).build());
    }

    @Test
    void live_instances_are_those_seen_within_three_leases_each_with_when_it_was_last_seen() {
        Instant started = clock.instant();
        PostgresStorage a = instance("a");
        clock.advance(lease.multipliedBy(2));
        PostgresStorage b = instance("b");
        assertThat(a.liveInstances()).isEqualTo(Map.of("a", started, "b", clock.instant()));

        clock.advance(lease.multipliedBy(3).dividedBy(2));
        assertThat(b.liveInstances()).as("a was last seen 3.5 leases ago").containsOnlyKeys("b");

        a.inbox().renewLeases();
        assertThat(b.liveInstances()).as("renewing is a's heartbeat").isEqualTo(Map.of(
                "a", clock.instant(), "b", started.plus(lease.multipliedBy(2))));
    }

    @Test
    void the_schema_version_is_that_of_the_newest_migration_of_this_version() throws Exception {
        assertThat(db.storage().schemaVersion()).isEqualTo(newestMigration());
    }

    @Test
    void a_running_database_is_reachable() {
        assertThat(db.storage().reachable()).isTrue();
    }

    private static String newestMigration() throws IOException, URISyntaxException {
        Path migrations = Path.of(StorageStatusTest.class.getResource("/db/migration").toURI());
        try (Stream<Path> files = Files.list(migrations)) {
            return files.map(f -> f.getFileName().toString())
                    .map(name -> name.substring(1, name.indexOf("__")))
                    .max((x, y) -> Integer.compare(Integer.parseInt(x), Integer.parseInt(y)))
                    .orElseThrow();
        }
    }
}
