package dev.dingbot.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataDirLockTest {

    @TempDir
    Path dir;

    @Test
    void a_second_open_of_the_same_data_dir_fails_at_once_naming_the_dir() {
        try (FileStorage first = FileStorage.open(StorageSettings.defaults(dir))) {
            assertThatThrownBy(() -> FileStorage.open(StorageSettings.defaults(dir)))
                    .isInstanceOf(DataDirInUseException.class)
                    .hasMessageContaining(dir.toAbsolutePath().toString())
                    .hasMessageContaining("another dingbot owns it");
            assertThat(first.writable()).isTrue();
        }
    }

    @Test
    void another_process_cannot_open_a_data_dir_this_one_owns() throws Exception {
        try (FileStorage owner = FileStorage.open(StorageSettings.defaults(dir))) {
            ChildJvm.Result result = ChildJvm.run(StorageChild.class, dir.toString(), "probe-lock");
            assertThat(result.output()).contains(StorageChild.IN_USE).contains(dir.toAbsolutePath().toString());
            assertThat(owner.writable()).isTrue();
        }
        ChildJvm.Result after = ChildJvm.run(StorageChild.class, dir.toString(), "probe-lock");
        assertThat(after.output()).contains(StorageChild.OPENED);
    }

    @Test
    void the_dir_can_be_opened_again_once_closed_and_a_closed_storage_is_not_writable() {
        FileStorage first = FileStorage.open(StorageSettings.defaults(dir));
        first.close();
        assertThat(first.writable()).isFalse();
        try (FileStorage second = FileStorage.open(StorageSettings.defaults(dir))) {
            assertThat(second.writable()).isTrue();
        }
    }
}
