package dev.dingbot.core.fakes;

import dev.dingbot.core.contract.ReplyChannelContract;
import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.OutgoingMessage;
import dev.dingbot.core.port.ReplyChannel;
import dev.dingbot.core.port.StreamingReply;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecordingReplyChannelTest extends ReplyChannelContract {
    private final RecordingReplyChannel channel = new RecordingReplyChannel();

    @Override
    protected ReplyChannel channel() {
        return channel;
    }

    @Override
    protected List<String> shown() {
        return channel.shown();
    }

    @Override
    protected Attachment userSentPicture(Image image) {
        channel.addPicture("code-1", image);
        return Attachment.picture("code-1");
    }

    @Test
    void stream_frames_are_recorded_in_order_and_a_closed_stream_takes_no_more() {
        StreamingReply stream = channel.openStream("…").orElseThrow();
        stream.update("a");
        stream.update("ab");
        assertThat(stream.finish("abc")).isTrue();
        stream.update("abcd");

        assertThat(stream.fail("x")).isFalse();
        assertThat(channel.streams().get(0).frames()).containsExactly("…", "a", "ab", "abc");
        assertThat(channel.streams().get(0).ending()).isEqualTo("finished");
    }

    @Test
    void without_streaming_no_stream_opens_and_failing_sends_report_false() {
        RecordingReplyChannel plain = new RecordingReplyChannel().withoutStreaming();
        plain.failSends(true);

        assertThat(plain.openStream("…")).isEmpty();
        assertThat(plain.send(OutgoingMessage.text("hi", List.of()))).isFalse();
        assertThat(plain.sent()).isEmpty();
    }
}
