package dev.dingbot.storage;

import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.LinkedContent;
import dev.dingbot.core.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Links kept in the layout earlier versions wrote, so that a data dir's links still open after an upgrade. */
class FileLinkStoreTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};
    private static final String TOKEN = "AbCdEfGhIjKlMnOpQrStUvWxYz012-_9";

    @TempDir
    Path data;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    private FileStorage storage;

    private FileStorage open() {
        if (storage != null) storage.close();
        storage = FileStorage.open(StorageSettings.builder(data).clock(clock).imageTtl(Duration.ofDays(7)).build());
        return storage;
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void an_image_is_a_file_named_by_its_token_and_type_whose_time_is_when_it_was_written() throws Exception {
        open().links().put(TOKEN, LinkedContent.image(Image.of(PNG), clock.instant().plus(Duration.ofDays(7))));

        Path file = data.resolve("images").resolve(TOKEN + ".png");
        assertThat(file).hasBinaryContent(PNG);
        assertThat(Files.getLastModifiedTime(file).toInstant()).isEqualTo(clock.instant());
    }

    @Test
    void a_page_is_its_markdown_beside_a_properties_file_with_title_and_expiry() throws Exception {
        Instant expires = clock.instant().plus(Duration.ofHours(24));
        open().links().put(TOKEN, LinkedContent.page("张三的对话", "## 🙋 张三 问", expires));

        Path pages = data.resolve("chatHistory");
        assertThat(pages.resolve(TOKEN + ".md")).hasContent("## 🙋 张三 问");
        assertThat(Files.readString(pages.resolve(TOKEN + ".properties"), StandardCharsets.UTF_8))
                .contains("expires=" + expires.toString().replace(":", "\\:"));
        assertThat(data.resolve("history").resolve(TOKEN + ".md")).as("apart from the history store").doesNotExist();
    }

    @Test
    void links_written_by_an_earlier_version_open_and_expire_as_they_did() throws Exception {
        Path images = Files.createDirectories(data.resolve("images"));
        Path pages = Files.createDirectories(data.resolve("chatHistory"));
        Files.write(images.resolve(TOKEN + ".png"), PNG);
        Files.setLastModifiedTime(images.resolve(TOKEN + ".png"), FileTime.from(clock.instant().minus(Duration.ofDays(6))));
        String page = "B".repeat(32);
        Files.writeString(pages.resolve(page + ".md"), "## 问");
        Files.writeString(pages.resolve(page + ".properties"), "title=t\nexpires=2026-03-01T09\\:00\\:00Z\n");

        var links = open().links();

        assertThat(links.get(TOKEN)).hasValueSatisfying(image -> {
            assertThat(image.image()).isEqualTo(new Image(PNG, "image/png"));
            assertThat(image.expires()).isEqualTo(clock.instant().plus(Duration.ofDays(1)));
        });
        assertThat(links.get(page)).hasValueSatisfying(p -> assertThat(p.text()).isEqualTo("## 问"));
        clock.advance(Duration.ofDays(1));
        assertThat(links.purgeExpired()).isEqualTo(2);
        assertThat(images.resolve(TOKEN + ".png")).doesNotExist();
        assertThat(pages.resolve(page + ".md")).doesNotExist();
        assertThat(pages.resolve(page + ".properties")).doesNotExist();
    }

    @Test
    void links_survive_a_restart() {
        open().links().put(TOKEN, LinkedContent.page("t", "x", clock.instant().plus(Duration.ofHours(1))));
        open().links().put("C".repeat(32), LinkedContent.image(Image.of(PNG), clock.instant().plus(Duration.ofHours(1))));

        var afterRestart = open().links();

        assertThat(afterRestart.get(TOKEN)).isPresent();
        assertThat(afterRestart.get("C".repeat(32))).isPresent();
    }

    @Test
    void an_expired_page_is_deleted_when_it_is_asked_for() {
        var links = open().links();
        links.put(TOKEN, LinkedContent.page("t", "x", clock.instant().plus(Duration.ofMinutes(5))));
        clock.advance(Duration.ofMinutes(5));

        assertThat(links.get(TOKEN)).isEmpty();
        assertThat(data.resolve("chatHistory").resolve(TOKEN + ".md")).doesNotExist();
    }

    @Test
    void link_files_and_their_directories_are_readable_by_their_owner_only() throws Exception {
        assumeThat(data.getFileSystem().supportedFileAttributeViews()).contains("posix");
        var links = open().links();
        links.put(TOKEN, LinkedContent.page("t", "x", clock.instant().plus(Duration.ofHours(1))));
        links.put("C".repeat(32), LinkedContent.image(Image.of(PNG), clock.instant().plus(Duration.ofHours(1))));

        for (Path dir : new Path[] {data.resolve("images"), data.resolve("chatHistory")}) {
            assertThat(mode(dir)).as(dir.toString()).isEqualTo("rwx------");
        }
        for (Path file : new Path[] {data.resolve("images/" + "C".repeat(32) + ".png"),
                data.resolve("chatHistory/" + TOKEN + ".md"), data.resolve("chatHistory/" + TOKEN + ".properties")}) {
            assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------");
        }
    }

    @Test
    void names_that_are_no_tokens_never_reach_the_file_system() throws Exception {
        Path inner = data.resolve("inner");
        Files.createDirectories(inner.resolve("chatHistory"));
        Files.writeString(data.resolve("secret.md"), "top secret");
        Files.writeString(data.resolve("secret.properties"), "expires=2999-01-01T00:00:00Z");
        storage = FileStorage.open(StorageSettings.builder(inner).clock(clock).build());

        assertThat(storage.links().get("../../secret")).isEmpty();
        assertThat(storage.links().get("../secret")).isEmpty();
        assertThat(storage.links().get("..%2F..%2Fsecret")).isEmpty();
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
