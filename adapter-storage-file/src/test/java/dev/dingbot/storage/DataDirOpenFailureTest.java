package dev.dingbot.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A data dir that cannot be opened says why, not only that. */
class DataDirOpenFailureTest {

    @TempDir
    Path dir;

    @Test
    void a_data_dir_path_that_is_a_file_is_named_as_a_file_not_a_directory() throws Exception {
        Path data = Files.writeString(dir.resolve("data"), "");

        UncheckedIOException e = catchThrowableOfType(UncheckedIOException.class,
                () -> FileStorage.open(StorageSettings.defaults(data)));

        assertThat(e.getMessage()).startsWith("cannot open data dir " + data.toAbsolutePath() + ": ")
                .contains("is a file, not a directory");
    }

    @Test
    void a_data_dir_the_user_may_not_write_names_the_file_and_the_user() {
        assertThat(FileStorage.why(dir, new AccessDeniedException("/srv/dingbot/data/dingbot.lock")))
                .isEqualTo("permission denied on /srv/dingbot/data/dingbot.lock for the user running dingbot ("
                        + System.getProperty("user.name") + ")");
    }
}
