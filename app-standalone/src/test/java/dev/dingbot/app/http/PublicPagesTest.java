package dev.dingbot.app.http;

import dev.dingbot.core.testing.MutableClock;
import java.time.Instant;

import dev.dingbot.core.model.HistoryLinks;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.LinkedContent;
import dev.dingbot.core.port.LinkStore;
import dev.dingbot.storage.FileStorage;
import dev.dingbot.storage.StorageSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PublicPagesTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};

    @TempDir
    Path data;

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    FileStorage storage;

    /** Pages over the links of the file storage in {@code dir}, opened for the test (again after a restart). */
    PublicPages pages(Path dir, String serviceUrl, Duration historyTtl) {
        if (storage == null) {
            storage = FileStorage.open(StorageSettings.builder(dir).clock(clock).imageTtl(Duration.ofDays(7)).build());
        }
        return new PublicPages(storage.links(), serviceUrl, historyTtl, Duration.ofDays(7), clock);
    }

    void restart() {
        storage.close();
        storage = null;
    }

    @AfterEach
    void close() {
        if (storage != null) storage.close();
    }

    @Test
    void a_published_image_is_kept_under_the_data_dir_and_linked_from_the_service_url() {
        PublicPages links = pages(data, "https://bot.example.com/", Duration.ofHours(24));

        String url = links.publishImage(Image.of(PNG)).orElseThrow();

        assertThat(url).matches("https://bot\\.example\\.com/images/[A-Za-z0-9_-]{32}\\.png");
        String name = url.substring(url.lastIndexOf('/') + 1);
        assertThat(data.resolve("images").resolve(name)).exists();
        assertThat(links.image(name)).contains(new Image(PNG, "image/png"));
    }

    @Test
    void without_a_service_url_nothing_is_published() {
        PublicPages links = pages(data, "", Duration.ofHours(24));

        assertThat(links.publishImage(Image.of(PNG))).isEmpty();
        assertThat(links.publishHistory("t", "# x")).isEmpty();
    }

    @Test
    void history_tokens_are_unguessable_and_distinct() {
        PublicPages links = pages(data, "http://h", Duration.ofHours(24));
        Set<String> tokens = new HashSet<>();

        for (int i = 0; i < 50; i++) {
            HistoryLinks l = links.publishHistory("t", "x").orElseThrow();
            String token = l.viewUrl().substring("http://h/history/".length());
            assertThat(token).matches("[A-Za-z0-9_-]{32}");
            assertThat(l.downloadUrl()).isEqualTo("http://h/download/" + token);
            tokens.add(token);
        }

        assertThat(tokens).hasSize(50);
    }

    @Test
    void a_history_link_survives_a_restart_and_expires_after_its_ttl() {
        PublicPages links = pages(data, "http://h", Duration.ofHours(24));
        String token = token(links.publishHistory("张三的对话", "## 🙋 张三 问").orElseThrow());

        restart();
        PublicPages afterRestart = pages(data, "http://h", Duration.ofHours(24));
        assertThat(afterRestart.history(token)).hasValueSatisfying(h -> {
            assertThat(h.title()).isEqualTo("张三的对话");
            assertThat(h.text()).isEqualTo("## 🙋 张三 问");
        });

        clock.advance(Duration.ofHours(24));
        assertThat(afterRestart.history(token)).isEmpty();
        assertThat(data.resolve("chatHistory").resolve(token + ".md")).doesNotExist();
    }

    @Test
    void purging_removes_only_expired_logs() {
        PublicPages shortLived = pages(data, "http://h", Duration.ofMinutes(1));
        PublicPages longLived = pages(data, "http://h", Duration.ofHours(1));
        shortLived.publishHistory("a", "a");
        String kept = token(longLived.publishHistory("b", "b").orElseThrow());

        clock.advance(Duration.ofMinutes(2));

        assertThat(longLived.purgeExpired()).isEqualTo(1);
        assertThat(longLived.history(kept)).isPresent();
    }

    @Test
    void an_image_is_served_for_its_ttl_and_then_purged_while_younger_ones_stay() {
        PublicPages links = pages(data, "http://h", Duration.ofHours(24));
        String old = name(links.publishImage(Image.of(PNG)).orElseThrow());
        clock.advance(Duration.ofDays(6));
        String young = name(links.publishImage(Image.of(PNG)).orElseThrow());
        assertThat(links.image(old)).isPresent();

        clock.advance(Duration.ofDays(1));

        assertThat(links.image(old)).as("seven days old").isEmpty();
        assertThat(links.purgeExpired()).isEqualTo(1);
        assertThat(data.resolve("images").resolve(old)).doesNotExist();
        assertThat(links.image(young)).isPresent();
    }

    @Test
    void conversation_pages_live_apart_from_the_history_store_files() {
        PublicPages links = pages(data, "http://h", Duration.ofHours(24));
        String token = token(links.publishHistory("t", "x").orElseThrow());

        assertThat(data.resolve("chatHistory").resolve(token + ".md")).exists();
        assertThat(data.resolve("history").resolve(token + ".md")).doesNotExist();
    }

    @Test
    void names_outside_the_token_pattern_never_reach_the_file_system() throws Exception {
        PublicPages links = pages(data.resolve("inner"), "http://h", Duration.ofHours(1));
        Files.writeString(data.resolve("secret.md"), "top secret");
        Files.writeString(data.resolve("secret.properties"), "expires=2999-01-01T00:00:00Z");

        assertThat(links.history("../../secret")).isEmpty();
        assertThat(links.history("..%2F..%2Fsecret")).isEmpty();
        assertThat(links.image("../../secret.md")).isEmpty();
        assertThat(links.image("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.md")).isEmpty();
    }

    @Test
    void an_image_is_no_conversation_and_is_not_found_under_another_type() {
        PublicPages links = pages(data, "http://h", Duration.ofHours(24));
        String name = name(links.publishImage(Image.of(PNG)).orElseThrow());
        String token = name.substring(0, name.indexOf('.'));

        assertThat(links.history(token)).isEmpty();
        assertThat(links.image(token + ".gif")).isEmpty();
        assertThat(links.image(token + ".png")).isPresent();
    }

    @Test
    void what_the_store_cannot_keep_gets_no_link() {
        PublicPages links = new PublicPages(new LinkStore() {
            @Override
            public void put(String token, LinkedContent content) {
                throw new UncheckedIOException(new IOException("No space left on device"));
            }

            @Override
            public Optional<LinkedContent> get(String token) {
                return Optional.empty();
            }

            @Override
            public int purgeExpired() {
                return 0;
            }
        }, "http://h", Duration.ofHours(24), Duration.ofDays(7), clock);

        assertThat(links.publishImage(Image.of(PNG))).isEmpty();
        assertThat(links.publishHistory("t", "x")).isEmpty();
    }

    static String name(String imageUrl) {
        return imageUrl.substring(imageUrl.lastIndexOf('/') + 1);
    }

    static String token(HistoryLinks links) {
        return links.viewUrl().substring(links.viewUrl().lastIndexOf('/') + 1);
    }
}
