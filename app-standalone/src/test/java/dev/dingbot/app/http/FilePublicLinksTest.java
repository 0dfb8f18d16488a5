package dev.dingbot.app.http;

import dev.dingbot.core.testing.MutableClock;
import java.time.Instant;

import dev.dingbot.core.model.HistoryLinks;
import dev.dingbot.core.model.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FilePublicLinksTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};

    @TempDir
    Path data;

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));

    @Test
    void a_published_image_is_kept_under_the_data_dir_and_linked_from_the_service_url() {
        FilePublicLinks links = new FilePublicLinks(data, "https://bot.example.com/", Duration.ofHours(24), Duration.ofDays(7), clock);

        String url = links.publishImage(Image.of(PNG)).orElseThrow();

        assertThat(url).matches("https://bot\\.example\\.com/images/[A-Za-z0-9_-]{32}\\.png");
        String name = url.substring(url.lastIndexOf('/') + 1);
        assertThat(data.resolve("images").resolve(name)).exists();
        assertThat(links.image(name)).contains(new Image(PNG, "image/png"));
    }

    @Test
    void without_a_service_url_nothing_is_published() {
        FilePublicLinks links = new FilePublicLinks(data, "", Duration.ofHours(24), Duration.ofDays(7), clock);

        assertThat(links.publishImage(Image.of(PNG))).isEmpty();
        assertThat(links.publishHistory("t", "# x")).isEmpty();
    }

    @Test
    void history_tokens_are_unguessable_and_distinct() {
        FilePublicLinks links = new FilePublicLinks(data, "http://h", Duration.ofHours(24), Duration.ofDays(7), clock);
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
        FilePublicLinks links = new FilePublicLinks(data, "http://h", Duration.ofHours(24), Duration.ofDays(7), clock);
        String token = token(links.publishHistory("张三的对话", "## 🙋 张三 问").orElseThrow());

        FilePublicLinks afterRestart = new FilePublicLinks(data, "http://h", Duration.ofHours(24), Duration.ofDays(7), clock);
        assertThat(afterRestart.history(token)).hasValueSatisfying(h -> {
            assertThat(h.title()).isEqualTo("张三的对话");
            assertThat(h.markdown()).isEqualTo("## 🙋 张三 问");
        });

        clock.advance(Duration.ofHours(24));
        assertThat(afterRestart.history(token)).isEmpty();
        assertThat(data.resolve("chatHistory").resolve(token + ".md")).doesNotExist();
    }

    @Test
    void purging_removes_only_expired_logs() {
        FilePublicLinks shortLived = new FilePublicLinks(data, "http://h", Duration.ofMinutes(1), Duration.ofDays(7), clock);
        FilePublicLinks longLived = new FilePublicLinks(data, "http://h", Duration.ofHours(1), Duration.ofDays(7), clock);
        shortLived.publishHistory("a", "a");
        String kept = token(longLived.publishHistory("b", "b").orElseThrow());

        clock.advance(Duration.ofMinutes(2));

        assertThat(longLived.purgeExpired()).isEqualTo(1);
        assertThat(longLived.history(kept)).isPresent();
    }

    @Test
    void an_image_is_served_for_its_ttl_and_then_purged_while_younger_ones_stay() {
        FilePublicLinks links = new FilePublicLinks(data, "http://h", Duration.ofHours(24), Duration.ofDays(7), clock);
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
        FilePublicLinks links = new FilePublicLinks(data, "http://h", Duration.ofHours(24), Duration.ofDays(7), clock);
        String token = token(links.publishHistory("t", "x").orElseThrow());

        assertThat(data.resolve("chatHistory").resolve(token + ".md")).exists();
        assertThat(data.resolve("history")).doesNotExist();
    }

    @Test
    void names_outside_the_token_pattern_never_reach_the_file_system() throws Exception {
        FilePublicLinks links = new FilePublicLinks(data.resolve("inner"), "http://h", Duration.ofHours(1), Duration.ofDays(7), clock);
        Files.writeString(data.resolve("secret.md"), "top secret");
        Files.writeString(data.resolve("secret.properties"), "expires=2999-01-01T00:00:00Z");

        assertThat(links.history("../../secret")).isEmpty();
        assertThat(links.history("..%2F..%2Fsecret")).isEmpty();
        assertThat(links.image("../../secret.md")).isEmpty();
        assertThat(links.image("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.md")).isEmpty();
    }

    static String name(String imageUrl) {
        return imageUrl.substring(imageUrl.lastIndexOf('/') + 1);
    }

    static String token(HistoryLinks links) {
        return links.viewUrl().substring(links.viewUrl().lastIndexOf('/') + 1);
    }
}
