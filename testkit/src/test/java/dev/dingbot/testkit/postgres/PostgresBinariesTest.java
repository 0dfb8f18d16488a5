package dev.dingbot.testkit.postgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresBinariesTest {

    @TempDir
    Path dir;

    private Path programsIn(Path bin) throws IOException {
        Files.createDirectories(bin);
        for (String name : PostgresBinaries.PROGRAMS) {
            Files.createFile(bin.resolve(name), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return bin;
    }

    @Test
    void the_highest_debian_version_is_taken_by_number_not_by_text() throws IOException {
        Path root = dir.resolve("postgresql");
        programsIn(root.resolve("9.6/bin"));
        Path sixteen = programsIn(root.resolve("16/bin"));
        programsIn(root.resolve("15/bin"));

        assertThat(PostgresBinaries.find(root, "").bin()).isEqualTo(sixteen);
    }

    @Test
    void a_version_without_every_server_program_is_passed_over_for_the_path() throws IOException {
        Path root = dir.resolve("postgresql");
        Files.createDirectories(root.resolve("17/bin"));
        Path fifteen = programsIn(root.resolve("15/bin"));
        Path onPath = programsIn(dir.resolve("usr-bin"));

        assertThat(PostgresBinaries.find(root, "").bin()).isEqualTo(fifteen);
        assertThat(PostgresBinaries.find(dir.resolve("none"), dir.resolve("empty") + File.pathSeparator + onPath).bin())
                .isEqualTo(onPath);
    }

    @Test
    void without_server_programs_the_failure_is_one_line_that_says_to_install_postgresql() {
        assertThatThrownBy(() -> PostgresBinaries.find(dir.resolve("none"), dir.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("install the postgresql package")
                .hasMessageNotContaining("\n");
    }
}
