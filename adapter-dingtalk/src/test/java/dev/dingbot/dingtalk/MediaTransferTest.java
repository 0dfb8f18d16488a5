package dev.dingbot.dingtalk;

import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.Image;
import dev.dingbot.testkit.dingtalk.ApiMedia;
import dev.dingbot.testkit.dingtalk.FakeDingTalkApi;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Dns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MediaTransferTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 7, 7, 7};
    private static final byte[] WEBP = {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 1, 2, 3};

    private ReplyTestBed bed = new ReplyTestBed(ReplyTestBed.Options.plain());

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void an_uploaded_image_returns_its_media_id_using_the_legacy_token() {
        var reference = bed.channel(bed.group("s1")).uploadImage(Image.of(PNG));

        ApiMedia upload = bed.api.uploads().get(0);
        assertThat(reference).contains(upload.mediaId());
        assertThat(upload.type()).isEqualTo("image");
        assertThat(upload.fileName()).isEqualTo("image.png");
        assertThat(upload.contentType()).isEqualTo("image/png");
        assertThat(upload.bytes()).isEqualTo(PNG);
        assertThat(bed.api.requests(FakeDingTalkApi.UPLOAD).get(0).queryParameter("access_token"))
                .startsWith("legacy-token-");
        assertThat(bed.api.requests(FakeDingTalkApi.TOKEN)).isEmpty();
    }

    @Test
    void the_file_name_follows_the_bytes_not_the_declared_type() {
        bed.channel(bed.group("s1")).uploadImage(new Image(WEBP, "image/png"));

        assertThat(bed.api.uploads().get(0).fileName()).isEqualTo("image.webp");
    }

    @Test
    void a_stale_legacy_token_is_renewed_and_the_upload_repeated_once() {
        var channel = bed.channel(bed.group("s1"));
        assertThat(channel.uploadImage(Image.of(PNG))).isPresent();
        bed.api.revokeTokens();

        assertThat(channel.uploadImage(Image.of(PNG))).isPresent();

        assertThat(bed.api.requests(FakeDingTalkApi.LEGACY_TOKEN)).hasSize(2);
        assertThat(bed.api.uploads()).hasSize(2);
    }

    @Test
    void a_refused_upload_is_empty() {
        bed.api.failUploads(1);

        assertThat(bed.channel(bed.group("s1")).uploadImage(Image.of(PNG))).isEmpty();
    }

    @Test
    void a_picture_the_user_sent_is_downloaded_through_its_download_code() {
        bed.api.addDownload("dl-code-1", PNG);

        var image = bed.channel(bed.privateChat("s1")).fetchImage(Attachment.picture("dl-code-1"));

        assertThat(image).contains(Image.of(PNG));
        var request = bed.api.requests(FakeDingTalkApi.DOWNLOAD).get(0);
        assertThat(request.json().path("downloadCode").asText()).isEqualTo("dl-code-1");
        assertThat(request.json().path("robotCode").asText()).isEqualTo(ReplyTestBed.APP);
        assertThat(request.header("x-acs-dingtalk-access-token")).isEqualTo("token-1");
    }

    @Test
    void a_picture_over_the_size_cap_is_refused() {
        bed.close();
        bed = new ReplyTestBed(ReplyTestBed.Options.plain()
                .tuning(ReplyTestBed.fast().withLimits(1024, 5_000, 12_000, 20_000)));
        byte[] big = Arrays.copyOf(PNG, 4096);
        bed.api.addDownload("big", big);
        bed.api.addDownload("small", PNG);

        var channel = bed.channel(bed.group("s1"));

        assertThat(channel.fetchImage(Attachment.picture("big"))).isEmpty();
        assertThat(channel.fetchImage(Attachment.picture("small"))).isPresent();
    }

    @Test
    void a_picture_url_on_plain_http_elsewhere_than_the_configured_host_is_not_downloaded() throws Exception {
        try (MockWebServer elsewhere = new MockWebServer()) {
            elsewhere.enqueue(new MockResponse.Builder().body(new okio.Buffer().write(PNG)).build());
            elsewhere.start(InetAddress.getLoopbackAddress(), 0);
            bed.api.addDownloadAt("http-elsewhere", elsewhere.url("/p.png").toString());

            assertThat(bed.channel(bed.privateChat("s1")).fetchImage(Attachment.picture("http-elsewhere"))).isEmpty();
            assertThat(elsewhere.getRequestCount()).isZero();
        }
    }

    @Test
    void a_picture_url_that_redirects_is_not_followed() {
        bed.api.addDownload("small", PNG);
        bed.api.redirectDownload("moved", bed.base().resolve(FakeDingTalkApi.FILES + "small").toString());

        assertThat(bed.channel(bed.privateChat("s1")).fetchImage(Attachment.picture("moved"))).isEmpty();
        assertThat(bed.api.requests(FakeDingTalkApi.FILES + "moved")).hasSize(1);
        assertThat(bed.api.requests(FakeDingTalkApi.FILES + "small")).isEmpty();
    }

    @Test
    void a_picture_url_whose_name_or_literal_is_a_private_address_is_refused_before_connecting() throws Exception {
        byte[] mappedLoopback = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 127, 0, 0, 1};
        bed.close();
        bed = new ReplyTestBed(ReplyTestBed.Options.plain().dns(host -> host.equals("pictures.example")
                ? List.of(Inet6Address.getByAddress(host, mappedLoopback, -1)) : Dns.SYSTEM.lookup(host)));
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = listener.getLocalPort();
            var urls = List.of("https://pictures.example:" + port + "/p.png", "https://127.0.0.1:" + port + "/p.png",
                    "https://[::ffff:127.0.0.1]:" + port + "/p.png", "https://[::1]:" + port + "/p.png");
            for (int i = 0; i < urls.size(); i++) {
                bed.api.addDownloadAt("private-" + i, urls.get(i));

                assertThat(bed.channel(bed.privateChat("s1")).fetchImage(Attachment.picture("private-" + i)))
                        .as(urls.get(i)).isEmpty();
            }
            listener.setSoTimeout(100); // a connection made would be waiting in the backlog
            assertThatThrownBy(listener::accept).as("a connection reached the listener")
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }
}
