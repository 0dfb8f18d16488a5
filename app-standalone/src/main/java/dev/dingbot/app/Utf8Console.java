package dev.dingbot.app;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The process's console and environment in UTF-8, whatever the locale. Under {@code LC_ALL=C} (or {@code env -i})
 * the JVM would print every Chinese character as {@code ?} and decode Chinese environment values to {@code ?}; the
 * bot's replies, commands and the original's settings ({@code DEFAULT_MODE=串聊}) are Chinese.
 */
public final class Utf8Console {

    private static final Path PROCESS_ENVIRONMENT = Path.of("/proc/self/environ");

    private Utf8Console() {
    }

    /** Standard output or error as UTF-8 bytes, flushed at every line. */
    public static PrintStream stream(FileDescriptor fd) {
        return new PrintStream(new FileOutputStream(fd), true, StandardCharsets.UTF_8);
    }

    /**
     * The environment with its values read as UTF-8: as the JVM decoded it when its platform charset is UTF-8,
     * else from the process's raw bytes where the platform shows them (Linux).
     *
     * @return empty when the values could not be read as UTF-8 (then {@code System.getenv()} is all there is)
     */
    public static Optional<Map<String, String>> environment() {
        return environment(platformCharset(), PROCESS_ENVIRONMENT);
    }

    /** As {@link #environment()}, with the platform charset and the file of raw bytes given. */
    static Optional<Map<String, String>> environment(Charset platform, Path raw) {
        if (platform.equals(StandardCharsets.UTF_8)) return Optional.of(System.getenv());
        try {
            return Optional.of(parse(Files.readAllBytes(raw)));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The environment read as UTF-8, or the JVM's own with one warning that Chinese in it may be unreadable. */
    static Map<String, String> environmentOrWarn(Optional<Map<String, String>> utf8, PrintStream err) {
        if (utf8.isEmpty()) {
            err.println("warning: the locale's charset is " + platformCharset() + ", not UTF-8: Chinese in "
                    + "environment variables may be unreadable; set LANG=C.UTF-8 (or another UTF-8 locale)");
        }
        return utf8.orElseGet(System::getenv);
    }

    /** The charset the JVM decodes the environment, arguments and file names with. */
    static Charset platformCharset() {
        String name = System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name());
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }

    /** {@code NAME=value} entries separated by NUL bytes, as Linux keeps a process's environment. */
    static Map<String, String> parse(byte[] raw) {
        Map<String, String> env = new HashMap<>();
        int start = 0;
        for (int i = 0; i <= raw.length; i++) {
            if (i == raw.length || raw[i] == 0) {
                String entry = new String(raw, start, i - start, StandardCharsets.UTF_8);
                int eq = entry.indexOf('=');
                if (eq > 0) env.put(entry.substring(0, eq), entry.substring(eq + 1));
                start = i + 1;
            }
        }
        return Map.copyOf(env);
    }
}
