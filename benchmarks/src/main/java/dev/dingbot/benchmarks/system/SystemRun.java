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
 */
public record SystemRun(Path repoRoot, Path javaHome, List<String> jvmFlags, Path jar, Path scratch, int seconds) {

    Path workDir(String name) throws IOException {
        return Files.createDirectories(scratch.resolve(name));
    }
}
