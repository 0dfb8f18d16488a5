package dev.dingbot.testkit.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Where the PostgreSQL server programs are: Debian's {@code /usr/lib/postgresql/VERSION/bin} (highest version), else PATH. */
record PostgresBinaries(Path bin) {

    static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    static final List<String> PROGRAMS = List.of("initdb", "pg_ctl", "postgres", "createdb");

    static PostgresBinaries find() {
        return find(DEBIAN_ROOT, System.getenv("PATH"));
    }

    /** @throws IllegalStateException in one line, saying what to install, when no directory has all of {@link #PROGRAMS} */
    static PostgresBinaries find(Path debianRoot, String pathVariable) {
        return highestDebianVersion(debianRoot)
                .or(() -> onPath(pathVariable))
                .map(PostgresBinaries::new)
                .orElseThrow(() -> new IllegalStateException("No PostgreSQL server programs (" + String.join(", ", PROGRAMS)
                        + ") in " + debianRoot + "/*/bin nor on PATH: install the postgresql package"
                        + " (apt-get install postgresql) to run the PostgreSQL tests"));
    }

    Path program(String name) {
        return bin.resolve(name);
    }

    private static Optional<Path> highestDebianVersion(Path root) {
        if (!Files.isDirectory(root)) return Optional.empty();
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)*"))
                    .filter(v -> hasEveryProgram(v.resolve("bin")))
                    .max(Comparator.comparing(v -> versionNumbers(v.getFileName().toString()), Arrays::compare))
                    .map(v -> v.resolve("bin"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private static Optional<Path> onPath(String pathVariable) {
        if (pathVariable == null) return Optional.empty();
        return Arrays.stream(pathVariable.split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(Path::of)
                .filter(PostgresBinaries::hasEveryProgram)
                .findFirst();
    }

    private static boolean hasEveryProgram(Path dir) {
        return PROGRAMS.stream().allMatch(name -> Files.isExecutable(dir.resolve(name)));
    }

    private static int[] versionNumbers(String version) {
        return Arrays.stream(version.split("\\.")).mapToInt(Integer::parseInt).toArray();
    }
}
