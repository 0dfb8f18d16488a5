package dev.dingbot.dingtalk;

import dev.dingbot.core.testing.LogCapture;
import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.Download;
import dev.dingbot.core.model.Image;
import dev.dingbot.testkit.dingtalk.FakeDingTalkApi;
import dev.dingbot.testkit.dingtalk.FakeDingTalkApi.Serving;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Downloads of what a user sent or quoted, through messageFiles/download, against the fake DingTalk API. */
class FileDownloadTest {

    @RegisterExtension
    final LogCapture logs = new LogCapture("dev.dingbot.dingtalk");
    private static final byte[] REPORT = "# 季度报告\n收入 42\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BIG = filled(4096);

    private ReplyTestBed bed = new ReplyTestBed(ReplyTestBed.Options.plain());


    @AfterEach
    void stop() {
        bed.close();
    }

    private Download download(String code, long maxBytes) {
        return bed.channel(bed.privateChat("s1")).download(Attachment.file(code, "report.md"), maxBytes);
    }

    @Test
    void a_file_is_downloaded_through_its_download_code_and_the_temporary_url_without_credentials() {
        bed.api.addDownload("file-1", REPORT);

        assertThat(download("file-1", 1024)).isEqualTo(Download.ok(REPORT));

        var asked = bed.api.requests(FakeDingTalkApi.DOWNLOAD).get(0);
        assertThat(asked.json().path("downloadCode").asText()).isEqualTo("file-1");
        assertThat(asked.json().path("robotCode").asText()).isEqualTo(ReplyTestBed.APP);
        var fetched = bed.api.requests(FakeDingTalkApi.FILES + "file-1").get(0);
        assertThat(fetched.method()).isEqualTo("GET");
        assertThat(fetched.header("x-acs-dingtalk-access-token")).isEmpty();
        assertThat(fetched.queryParameter("Signature")).startsWith(FakeDingTalkApi.SIGNATURE_PREFIX);
    }

    @Test
    void a_file_of_exactly_the_cap_is_downloaded_whole_announced_or_counted() {
        bed.api.addDownload("whole", REPORT);
        bed.api.addDownload("chunked", REPORT, Serving.CHUNKED);

        assertThat(download("whole", REPORT.length)).isEqualTo(Download.ok(REPORT));
        assertThat(download("chunked", REPORT.length)).isEqualTo(Download.ok(REPORT));
    }

    @Test
    void a_file_announced_larger_than_the_cap_is_too_large_with_its_announced_size() {
        bed.api.addDownload("big", BIG);

        Download download = download("big", 1024);

        assertThat(download).isEqualTo(Download.tooLarge(BIG.length));
        assertThat(download.bytes()).isEmpty();
    }

    @Test
    void a_file_sent_without_a_length_is_counted_while_read_and_too_large_once_past_the_cap() {
        bed.api.addDownload("big", BIG, Serving.CHUNKED);

        Download download = download("big", 1024);

        assertThat(download.outcome()).isEqualTo(Download.Outcome.TOO_LARGE);
        assertThat(download.size()).isEqualTo(-1);
        assertThat(download.bytes()).isEmpty();
    }

    @Test
    void an_unknown_download_code_is_unavailable() {
        assertThat(download("no-such-code", 1024)).isEqualTo(Download.unavailable());
        assertThat(bed.api.requests(FakeDingTalkApi.FILES + "no-such-code")).isEmpty();
    }

    @Test
    void a_file_url_answering_4xx_or_5xx_is_unavailable() {
        bed.api.addDownload("file-1", REPORT);
        bed.api.failNext(FakeDingTalkApi.FILES + "file-1", 403, 1);
        bed.api.failNext(FakeDingTalkApi.FILES + "file-1", 503, 1);

        assertThat(download("file-1", 1024)).isEqualTo(Download.unavailable());
        assertThat(download("file-1", 1024)).isEqualTo(Download.unavailable());
        assertThat(download("file-1", 1024)).isEqualTo(Download.ok(REPORT));
    }

    @Test
    void a_download_api_failing_with_5xx_is_unavailable() {
        bed.api.addDownload("file-1", REPORT);
        bed.api.failNext(FakeDingTalkApi.DOWNLOAD, 500, ReplyTestBed.SEND_RETRIES + 1);

        assertThat(download("file-1", 1024)).isEqualTo(Download.unavailable());
        assertThat(bed.api.requests(FakeDingTalkApi.FILES + "file-1")).isEmpty();
    }

    @Test
    void a_file_trickling_in_past_the_download_timeout_is_given_up_as_unavailable() {
        bed.close();
        bed = new ReplyTestBed(ReplyTestBed.Options.plain()
                .tuning(ReplyTestBed.fast().withDownloadTimeout(Duration.ofMillis(400))));
        bed.api.addDownload("slow", filled(2048), Serving.TRICKLE); // 3.2 s at its pace, each read well in time

        long start = System.nanoTime();
        Download download = download("slow", 1 << 20);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(download).isEqualTo(Download.unavailable());
        assertThat(took).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void a_picture_is_fetched_through_the_same_download_within_the_picture_cap() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 7};
        bed.api.addDownload("pic", png, Serving.CHUNKED);
        bed.api.addDownload("huge-pic", filled((1 << 20) + 1), Serving.CHUNKED); // the bed's picture cap is 1 MiB

        var channel = bed.channel(bed.group("s1"));

        assertThat(channel.fetchImage(Attachment.picture("pic"))).contains(Image.of(png));
        assertThat(channel.fetchImage(Attachment.picture("huge-pic"))).isEmpty();
        assertThat(channel.download(Attachment.picture("huge-pic"), 2 << 20).ok()).isTrue();
    }

    @Test
    void what_is_logged_names_the_download_host_and_path_never_the_signed_query() {
        bed.api.addDownload("big", BIG);
        bed.api.addDownload("gone", REPORT);
        bed.api.failNext(FakeDingTalkApi.FILES + "gone", 404, 1);

        download("big", 1024);
        download("gone", 1024);

        List<String> lines = logs.lines();
        assertThat(lines).hasSize(2).allMatch(line -> line.contains(bed.base().host() + FakeDingTalkApi.FILES));
        assertThat(lines).noneMatch(line -> line.contains(FakeDingTalkApi.SIGNATURE_PREFIX) || line.contains("?"));
    }

    private static byte[] filled(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'x');
        return bytes;
    }
}
