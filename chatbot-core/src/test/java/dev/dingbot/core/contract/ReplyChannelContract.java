package dev.dingbot.core.contract;

import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.Download;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.OutgoingMessage;
import dev.dingbot.core.port.ReplyChannel;
import dev.dingbot.core.port.StreamingReply;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ReplyChannel} promises: accepted messages reach the recipient verbatim and in order, a stream
 * is either refused up front or ends showing its final content, and media calls answer with values.
 */
public abstract class ReplyChannelContract {

    /** A PNG header followed by a few bytes: enough for media type detection. */
    protected static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4};

    /** A channel to a reachable conversation; called once per test. */
    protected abstract ReplyChannel channel();

    /** What the recipient has been shown so far, in order: each message's text, each stream's current content. */
    protected abstract List<String> shown();

    /** Makes {@code image} available as a picture the user sent and returns the attachment naming it. */
    protected abstract Attachment userSentPicture(Image image);

    /** Makes {@code bytes} available as a file the user sent, named {@code fileName}; returns its attachment. */
    protected abstract Attachment userSentFile(String fileName, byte[] bytes);

    @Test
    public void a_text_message_is_accepted_and_shown_verbatim() {
        ReplyChannel channel = channel();

        assertThat(channel.send(OutgoingMessage.text("Paris is the capital of France.", List.of()))).isTrue();

        assertThat(shown()).containsExactly("Paris is the capital of France.");
    }

    @Test
    public void a_markdown_message_is_accepted_and_shown_verbatim() {
        ReplyChannel channel = channel();
        String markdown = "### Answer\n\n**Paris**, said `twice`.\n\n- one\n- two";

        assertThat(channel.send(OutgoingMessage.markdown(markdown, List.of()))).isTrue();

        assertThat(shown()).containsExactly(markdown);
    }

    @Test
    public void messages_are_shown_in_the_order_they_were_sent() {
        ReplyChannel channel = channel();

        for (int i = 1; i <= 3; i++) {
            assertThat(channel.send(OutgoingMessage.text("part " + i, List.of()))).isTrue();
        }

        assertThat(shown()).containsExactly("part 1", "part 2", "part 3");
    }

    @Test
    public void a_stream_is_either_refused_or_finishes_showing_its_final_content() {
        ReplyChannel channel = channel();

        Optional<StreamingReply> stream = channel.openStream("Thinking…");

        stream.ifPresent(reply -> {
            reply.update("The answer");
            reply.update("The answer is");
            assertThat(reply.finish("The answer is forty-two.")).isTrue();
            assertThat(shown()).last().isEqualTo("The answer is forty-two.");
        });
    }

    @Test
    public void a_failed_stream_shows_the_failure_text() {
        Optional<StreamingReply> stream = channel().openStream("Thinking…");

        stream.ifPresent(reply -> {
            reply.update("Half an ans");
            assertThat(reply.fail("The model stopped answering.")).isTrue();
            assertThat(shown()).last().isEqualTo("The model stopped answering.");
        });
    }

    @Test
    public void uploading_an_image_answers_with_a_value() {
        Optional<String> reference = channel().uploadImage(Image.of(PNG));

        assertThat(reference).isNotNull();
        reference.ifPresent(ref -> assertThat(ref).isNotBlank());
    }

    @Test
    public void a_picture_the_user_sent_can_be_fetched() {
        Image picture = Image.of(PNG);
        Attachment attachment = userSentPicture(picture);

        assertThat(channel().fetchImage(attachment)).contains(picture);
    }

    @Test
    public void an_unknown_picture_is_empty_not_an_exception() {
        assertThat(channel().fetchImage(Attachment.picture("no-such-download-code"))).isEmpty();
    }

    @Test
    public void a_file_the_user_sent_is_downloaded_whole_within_its_cap() {
        byte[] report = "季度报告\nrevenue: 42\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Attachment attachment = userSentFile("report.txt", report);

        Download download = channel().download(attachment, report.length);

        assertThat(download).isEqualTo(Download.ok(report));
    }

    @Test
    public void a_file_over_the_cap_is_too_large_and_comes_without_bytes() {
        Attachment attachment = userSentFile("big.bin", new byte[4096]);

        Download download = channel().download(attachment, 1024);

        assertThat(download.outcome()).isEqualTo(Download.Outcome.TOO_LARGE);
        assertThat(download.bytes()).isEmpty();
    }

    @Test
    public void a_picture_the_user_sent_can_be_downloaded_like_a_file() {
        Attachment attachment = userSentPicture(Image.of(PNG));

        assertThat(channel().download(attachment, 1 << 20)).isEqualTo(Download.ok(PNG));
    }

    @Test
    public void an_unknown_file_is_unavailable_not_an_exception() {
        Download download = channel().download(Attachment.file("no-such-download-code", "x.pdf"), 1 << 20);

        assertThat(download.outcome()).isEqualTo(Download.Outcome.UNAVAILABLE);
    }
}
