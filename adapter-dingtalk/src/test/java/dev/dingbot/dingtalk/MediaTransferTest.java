package dev.dingbot.dingtalk;

import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.Image;
import dev.dingbot.testkit.dingtalk.ApiMedia;
import dev.dingbot.testkit.dingtalk.FakeDingTalkApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

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
}
