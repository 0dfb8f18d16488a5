package dev.dingbot.app.wiring;

import dev.dingbot.app.config.AppConfig;
import dev.dingbot.core.ChatBotBuilder;
import dev.dingbot.core.memory.InMemoryReplayGuard;
import dev.dingbot.core.port.LinkStore;
import dev.dingbot.core.port.ReplayGuard;
import dev.dingbot.dingtalk.DingTalkChannel;
import dev.dingbot.storage.FileStorage;
import dev.dingbot.storage.FsyncPolicy;
import dev.dingbot.storage.StorageSettings;
import dev.dingbot.storage.postgres.DatabaseFacts;
import dev.dingbot.storage.postgres.PostgresSettings;
import dev.dingbot.storage.postgres.PostgresStorage;
import dev.dingbot.storage.postgres.PostgresStorageException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The state the bot is built with, as {@code storage.kind} says: files in the data dir (one instance), or one
 * PostgreSQL database every instance shares, used signatures of HTTP callbacks included. Also what readiness and
 * the ready line say about it, and where the public links' images and pages are kept.
 */
record BotStorage(String described, Consumer<ChatBotBuilder> stores, ReplayGuard usedSignatures,
                  BooleanSupplier readiness, Supplier<List<String>> details, LinkStore links, AutoCloseable resource)
        implements AutoCloseable {

    /** SQL states of a database that answered but refused us: a wrong URL, role, password or database name. */
    private static final Set<String> REFUSED_STATES = Set.of("28000", "28P01", "3D000");

    /**
     * @throws IOException      the data dir cannot be used, or the database does not answer: a fix in one line
     * @throws StorageRefused   the database answered but refused the configured URL or credentials
     */
    static BotStorage open(AppConfig config, Clock clock) throws IOException {
        return config.storage().kind() == AppConfig.StorageKind.POSTGRES ? postgres(config) : files(config, clock);
    }

    private static BotStorage files(AppConfig config, Clock clock) throws IOException {
        FileStorage files;
        try {
            files = FileStorage.open(StorageSettings.builder(config.storage().dataDir())
                    .fsync(FsyncPolicy.valueOf(config.storage().fsync().name()))
                    .imageTtl(config.server().imageLinkTtl()).clock(clock).build());
        } catch (UncheckedIOException e) {
            throw new IOException(e.getMessage() + " — fix that, or point storage.data_dir (env STORAGE_DATA_DIR, "
                    + "--data-dir) at a directory dingbot may write", e.getCause());
        }
        // in memory, as this process's own: no other instance shares these files
        ReplayGuard usedSignatures = new InMemoryReplayGuard(clock, DingTalkChannel.USED_SIGNATURES);
        return new BotStorage("files in " + config.storage().dataDir().toAbsolutePath(),
                builder -> builder.sessions(files.sessions()).history(files.history()).quotas(files.quotas())
                        .inbox(files.inbox()).usage(files.usage()),
                usedSignatures, files::writable, List::of, files.links(), files);
    }

    private static BotStorage postgres(AppConfig config) throws IOException {
        PostgresSettings settings = config.postgresSettings();
        PostgresStorage db = openDatabase(settings);
        return new BotStorage("PostgreSQL as instance " + settings.instanceId(),
                builder -> builder.sessions(db.sessions()).history(db.history()).quotas(db.quotas())
                        .inbox(db.inbox()).usage(db.usage()),
                db.replayGuard(), db::reachable,
                () -> List.of("instance " + settings.instanceId(), "live instances: "
                        + String.join(", ", db.liveInstances().keySet())),
                db.links(), db);
    }

    /** Opens the database, telling a refusal (configuration) from a database that does not answer. */
    static PostgresStorage openDatabase(PostgresSettings settings) throws IOException {
        return refusalsTold(() -> PostgresStorage.open(settings));
    }

    /** {@link PostgresStorage#inspect}, telling a refusal from a database that does not answer. */
    static DatabaseFacts inspectDatabase(PostgresSettings settings) throws IOException {
        return refusalsTold(() -> PostgresStorage.inspect(settings));
    }

    private static <T> T refusalsTold(Supplier<T> work) throws IOException {
        try {
            return work.get();
        } catch (PostgresStorageException e) {
            if (e.getCause() instanceof SQLException sql && sql.getSQLState() != null
                    && REFUSED_STATES.contains(sql.getSQLState())) {
                throw new StorageRefused(e.getMessage());
            }
            throw new IOException(e.getMessage() + " — start the database, or point storage.postgres.url "
                    + "(env STORAGE_POSTGRES_URL) at one that runs", e);
        }
    }

    /** The database refused the configured URL, role or password: a configuration error, like those found on loading. */
    static final class StorageRefused extends RuntimeException {
        StorageRefused(String message) {
            super(message);
        }
    }

    void into(ChatBotBuilder builder) {
        stores.accept(builder);
    }

    /** Whether it takes writes now (files) or the database answers (PostgreSQL). */
    boolean ready() {
        return readiness.getAsBoolean();
    }

    /** Lines for {@code /readyz} that do not decide readiness: this instance and the others. */
    List<String> readinessLines() {
        return details.get();
    }

    /** For the ready line: "files in …" or "PostgreSQL as instance …". */
    String describe() {
        return described;
    }

    @Override
    public void close() throws Exception {
        resource.close();
    }
}
