package dev.dingbot.storage.postgres;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.util.Arrays;
import java.util.Optional;

/**
 * The tables, created and upgraded by the migrations under {@code db/migration} (Flyway, which locks the database
 * while one instance migrates). A database that a newer dingbot already upgraded is left as it is: this instance
 * stops rather than run on tables it does not know.
 */
final class Schema {

    private static final Logger log = LoggerFactory.getLogger(Schema.class);

    static final String MIGRATIONS = "classpath:db/migration";

    private Schema() {
    }

    /** Brings the schema to this version, from {@code locations} (the migrations of this version unless a test says). */
    static void migrate(DataSource database, String... locations) {
        Flyway flyway = Flyway.configure().dataSource(database).locations(locations).load();
        try {
            refuseNewer(flyway.info());
            MigrateResult result = flyway.migrate();
            if (result.migrationsExecuted > 0) {
                log.info(result.initialSchemaVersion == null
                        ? "PostgreSQL: dingbot tables created (schema version {})"
                        : "PostgreSQL: dingbot tables upgraded from schema version " + result.initialSchemaVersion
                        + " to {}", result.targetSchemaVersion);
            }
        } catch (FlywayException e) {
            throw new PostgresStorageException("cannot create or upgrade the dingbot tables in PostgreSQL: "
                    + Jdbc.oneLine(e.getMessage()), e);
        }
    }

    /** The version Flyway recorded last and the newest of {@code locations}, and how the two compare. */
    record Versions(String current, String known, DatabaseFacts.SchemaState state) {
    }

    static Versions versions(DataSource database, String... locations) {
        try {
            MigrationInfoService info = Flyway.configure().dataSource(database).locations(locations).load().info();
            MigrationInfo current = info.current();
            Optional<MigrationVersion> known = newest(info, true);
            Optional<MigrationVersion> newer = newest(info, false);
            DatabaseFacts.SchemaState state = current == null ? DatabaseFacts.SchemaState.NONE
                    : newer.isPresent() ? DatabaseFacts.SchemaState.NEWER
                    : known.isPresent() && current.getVersion().compareTo(known.get()) < 0
                    ? DatabaseFacts.SchemaState.OLDER : DatabaseFacts.SchemaState.CURRENT;
            return new Versions(current == null ? "none" : current.getVersion().getVersion(),
                    known.map(MigrationVersion::getVersion).orElse("none"), state);
        } catch (FlywayException e) {
            throw new PostgresStorageException("cannot read the dingbot schema version in PostgreSQL: "
                    + Jdbc.oneLine(e.getMessage()), e);
        }
    }

    /** The newest versioned migration this version has ({@code resolved}), or that was applied but it lacks. */
    private static Optional<MigrationVersion> newest(MigrationInfoService info, boolean resolved) {
        return Arrays.stream(resolved ? info.all() : info.applied())
                .filter(m -> m.isVersioned() && m.getState().isResolved() == resolved)
                .map(MigrationInfo::getVersion)
                .max(MigrationVersion::compareTo);
    }

    private static void refuseNewer(MigrationInfoService info) {
        Optional<MigrationVersion> newest = newest(info, false);
        if (newest.isEmpty()) return;
        String known = newest(info, true).map(MigrationVersion::getVersion).orElse("none");
        throw new PostgresStorageException("the PostgreSQL database has dingbot schema version "
                + newest.get().getVersion() + ", newer than this dingbot knows (version " + known
                + "): upgrade this instance to the dingbot version the others run");
    }
}
