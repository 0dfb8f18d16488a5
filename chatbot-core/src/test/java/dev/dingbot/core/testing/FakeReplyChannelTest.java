package dev.dingbot.core.testing;

import dev.dingbot.core.contract.ReplyChannelContract;
import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.port.ReplyChannel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FakeReplyChannelTest extends ReplyChannelContract {

    private final FakeReplyChannel channel = new FakeReplyChannel().withCards(true);

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
        channel.withPicture("code-1", image);
        return Attachment.picture("code-1");
    }

    @Override
    protected Attachment userSentFile(String fileName, byte[] bytes) {
        channel.withFile("file-1", bytes);
        return Attachment.file("file-1", fileName);
    }

    @Test
    void a_card_the_platform_refuses_to_finish_keeps_showing_its_last_update() {
        FakeReplyChannel refusing = new FakeReplyChannel().withCards(false);
        var card = refusing.openStream("…").orElseThrow();
        card.update("half");
        assertThat(card.finish("whole")).isFalse();
        assertThat(refusing.shown()).containsExactly("half");
    }
}
