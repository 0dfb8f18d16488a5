package dev.dingbot.testkit.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for a test run: initialised in a temp dir, listening on 127.0.0.1 at a free port (no
 * unix socket), fsync off, trust authentication for {@link #USER}. One server per JVM, shared by every test class:
 * {@link #start()} starts it on first use; each class takes a database of its own with {@link #createDatabase()}.
 * The server stops and its files go at {@link #close()} or when the JVM exits. As root the server programs run as
 * the {@code postgres} user (initdb refuses root).
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "dingbot";
    public static final String HOST = "127.0.0.1";
    private static final String SERVER_USER = "postgres";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;

    private static LocalPostgres shared;

    private final PostgresBinaries binaries;
    private final Path dataDir;
    private final boolean asServerUser;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();
    private final Thread shutdownHook = new Thread(this::stopAndDelete, "local-postgres-stop");
    private volatile boolean running = true;

    /** A database of its own, on the shared server. */
    public record Database(String name, String jdbcUrl, String user, String password) {
    }

    private LocalPostgres(PostgresBinaries binaries, Path dataDir, boolean asServerUser, int port) {
        this.binaries = binaries;
        this.dataDir = dataDir;
        this.asServerUser = asServerUser;
        this.port = port;
    }

    /** The server of this JVM, started on the first call. */
    public static synchronized LocalPostgres start() {
        if (shared == null || !shared.running) shared = startNew();
        return shared;
    }

    /** A server of its own, not the shared one. */
    static LocalPostgres startNew() {
        PostgresBinaries binaries = PostgresBinaries.find();
        Path dataDir = null;
        try {
            dataDir = Files.createTempDirectory("dingbot-postgres");
            boolean root = Integer.valueOf(0).equals(Files.getAttribute(dataDir, "unix:uid"));
            if (root) giveToServerUser(dataDir);
            LocalPostgres server = initialise(binaries, dataDir, root);
            Runtime.getRuntime().addShutdownHook(server.shutdownHook);
            return server;
        } catch (IOException | RuntimeException e) {
            if (dataDir != null) deleteTree(dataDir);
            if (e instanceof IOException io) throw new UncheckedIOException("cannot start PostgreSQL: " + io.getMessage(), io);
            throw (RuntimeException) e;
        }
    }

    private static LocalPostgres initialise(PostgresBinaries binaries, Path dataDir, boolean root) throws IOException {
        new LocalPostgres(binaries, dataDir, root, 0).run(List.of(binaries.program("initdb").toString(), "-D", dataDir.toString(), "-A", "trust", "-U", USER,
                "-E", "UTF8", "--locale=C", "--no-sync"));
        IllegalStateException lastFailure = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int port = freePort(); // another process may take it before the server binds: then try another
            writeConfig(dataDir, port);
            LocalPostgres started = new LocalPostgres(binaries, dataDir, root, port);
            try {
                started.run(List.of(binaries.program("pg_ctl").toString(), "-D", dataDir.toString(),
                        "-l", dataDir.resolve("server.log").toString(), "-w", "-t", "30", "start"));
                return started;
            } catch (IllegalStateException e) {
                lastFailure = e;
            }
        }
        throw lastFailure;
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    public String user() {
        return USER;
    }

    /** Empty: the server trusts connections from 127.0.0.1. */
    public String password() {
        return "";
    }

    /** The server's {@code postgres} database. */
    public String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    /** Creates a new, empty database (a test class's own) and says how to reach it. */
    public Database createDatabase() {
        String name = "test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        run(List.of(binaries.program("createdb").toString(), "-h", HOST, "-p", Integer.toString(port), "-U", USER,
                "-w", name));
        return new Database(name, jdbcUrl(name), USER, password());
    }

    Path dataDir() {
        return dataDir;
    }

    /** Stops the server at once and deletes its files; harmless when done before. */
    @Override
    public void close() {
        stopAndDelete();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs or ran: nothing left to undo
        }
    }

    private synchronized void stopAndDelete() {
        if (!running) return;
        running = false;
        try {
            run(List.of(binaries.program("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "immediate", "-w",
                    "-t", "30", "stop"));
        } finally {
            deleteTree(dataDir);
        }
    }

    /** Runs a server program to its end (bounded), as the server user when running as root; fails with its output. */
    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (asServerUser) full.addAll(List.of("runuser", "-u", SERVER_USER, "--"));
        full.addAll(command);
        Path output = null;
        try {
            output = Files.createTempFile("dingbot-postgres-command", ".log");
            Process process = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", full) + " did not finish within " + COMMAND_TIMEOUT);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed (exit " + process.exitValue() + "): "
                        + Files.readString(output, StandardCharsets.UTF_8).strip() + serverLog());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", full), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", full), e);
        } finally {
            if (output != null) deleteTree(output);
        }
    }

    private String serverLog() throws IOException {
        Path log = dataDir.resolve("server.log");
        return Files.exists(log) ? "\nserver log:\n" + Files.readString(log, StandardCharsets.UTF_8).strip() : "";
    }

    private static void writeConfig(Path dataDir, int port) throws IOException {
        String settings = String.join("\n", "",
                "listen_addresses = '" + HOST + "'",
                "port = " + port,
                "unix_socket_directories = ''",
                "fsync = off",
                "synchronous_commit = off",
                "full_page_writes = off",
                "max_connections = 200",
                "shared_buffers = 32MB",
                "");
        // initdb wrote postgresql.conf as the server user; appending keeps its owner. The last port line wins.
        Files.writeString(dataDir.resolve("postgresql.conf"), settings, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static void giveToServerUser(Path dir) throws IOException {
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        try {
            Files.setOwner(dir, users.lookupPrincipalByName(SERVER_USER));
        } catch (java.nio.file.attribute.UserPrincipalNotFoundException e) {
            throw new IllegalStateException("Running as root, PostgreSQL needs the '" + SERVER_USER
                    + "' user, which the postgresql package creates: install it (apt-get install postgresql)", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
