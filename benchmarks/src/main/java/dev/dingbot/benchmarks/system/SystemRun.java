package dev.dingbot.benchmarks.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One run of the system benchmarks: which JVM starts the bot, with which flags, from which jar.
 *
 * @param repoRoot the repository (for prompt.yml)
 * @param javaHome the JDK the bot runs on
 * @param jvmFlags flags of the bot's JVM
 * @param jar      the packaged dingbot.jar
 * @param scratch  a directory for the bot's config, data and logs
 * @param seconds  seconds per measured rate
 * @param pinning  where the bot and the fakes run
 */
public record SystemRun(Path repoRoot, Path javaHome, List<String> jvmFlags, Path jar, Path scratch, int seconds,
                        Pinning pinning) {

    /** A run on every CPU. */
    public SystemRun(Path repoRoot, Path javaHome, List<String> jvmFlags, Path jar, Path scratch, int seconds) {
        this(repoRoot, javaHome, jvmFlags, jar, scratch, seconds, Pinning.SHARED);
    }

    /** The same run placed by {@code placement}, in a scratch directory of its own. */
    SystemRun placed(Pinning placement) {
        return new SystemRun(repoRoot, javaHome, jvmFlags, jar,
                placement.isPinned() ? scratch.resolve("pinned") : scratch, seconds, placement);
    }

    Path workDir(String name) throws IOException {
        return Files.createDirectories(scratch.resolve(name));
    }
}
