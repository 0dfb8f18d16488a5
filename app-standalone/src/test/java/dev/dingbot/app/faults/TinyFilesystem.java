package dev.dingbot.app.faults;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tmpfs of a few megabytes mounted over a directory, to be filled up: a data dir on a full disk. Needs root (as
 * on CI); elsewhere the test that asks for one is skipped.
 */
final class TinyFilesystem implements AutoCloseable {

    private final Path mountPoint;
    private final Path filler;

    private TinyFilesystem(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve("filler.bin");
    }

    /** Mounts a tmpfs of {@code size} (e.g. {@code 2m}) over {@code dir}, creating it; skips the test if it cannot. */
    static TinyFilesystem mount(Path dir, String size) throws IOException, InterruptedException {
        Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux"), "tmpfs needs Linux");
        Files.createDirectories(dir);
        int exit = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString()));
        Assumptions.assumeTrue(exit == 0, "mounting a tmpfs needs root");
        return new TinyFilesystem(dir);
    }

    /** Writes a file until the file system is full. */
    void fill() throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) out.write(block);
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) throw full;
        }
    }

    /** Deletes what {@link #fill} wrote. */
    void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    /** Unmounts; whoever had files open there must be gone by now. */
    @Override
    public void close() throws InterruptedException {
        if (run(List.of("umount", mountPoint.toString())) != 0) run(List.of("umount", "-l", mountPoint.toString()));
    }

    /** The command's exit code; -1 when it could not run or took too long. */
    private static int run(List<String> command) throws InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException noSuchCommand) {
            return -1;
        }
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
