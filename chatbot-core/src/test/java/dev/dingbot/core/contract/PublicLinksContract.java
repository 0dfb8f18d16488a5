package dev.dingbot.core.contract;

import dev.dingbot.core.model.HistoryLinks;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.port.PublicLinks;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link PublicLinks} with a public address promises: absolute web links, a new one for everything
 * published, so that no one finds another user's image or conversation by changing a link a little.
 */
public abstract class PublicLinksContract {

    /** Links with a public address configured. */
    protected abstract PublicLinks links();

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    @Test
    void each_published_image_gets_its_own_absolute_web_link() {
        PublicLinks links = links();
        String first = links.publishImage(Image.of(PNG)).orElseThrow();
        String second = links.publishImage(Image.of(PNG)).orElseThrow();

        assertThat(first).isNotEqualTo(second);
        assertThat(URI.create(first).getScheme()).isIn("http", "https");
        assertThat(URI.create(first).getHost()).isNotBlank();
    }

    @Test
    void a_published_conversation_has_its_own_view_and_download_links() {
        PublicLinks links = links();
        HistoryLinks first = links.publishHistory("张三的对话", "## 🙋 张三 问").orElseThrow();
        HistoryLinks second = links.publishHistory("张三的对话", "## 🙋 张三 问").orElseThrow();

        assertThat(first.viewUrl()).isNotEqualTo(first.downloadUrl()).isNotEqualTo(second.viewUrl());
        assertThat(URI.create(first.viewUrl()).getScheme()).isIn("http", "https");
        assertThat(URI.create(first.downloadUrl()).getScheme()).isIn("http", "https");
    }
}
