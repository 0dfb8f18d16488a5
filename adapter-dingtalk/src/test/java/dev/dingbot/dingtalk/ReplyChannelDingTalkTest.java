package dev.dingbot.dingtalk;

import dev.dingbot.core.contract.ReplyChannelContract;
import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.port.ReplyChannel;
import dev.dingbot.testkit.dingtalk.ApiMessage;
import org.junit.jupiter.api.AfterEach;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** DingTalkOutbound against the fake DingTalk API, public AI-card template, keeps the ReplyChannel contract. */
class ReplyChannelDingTalkTest extends ReplyChannelContract {
    private final ReplyTestBed bed = new ReplyTestBed(ReplyTestBed.Options.cards(null, Duration.ofMillis(100)));

    @AfterEach
    void stop() {
        bed.close();
    }

    @Override
    protected ReplyChannel channel() {
        return bed.channel(bed.group("contract-session"));
    }

    /** Plain messages first, then each card's content: no contract test mixes both. */
    @Override
    protected List<String> shown() {
        return Stream.concat(bed.api.messages().stream().map(ApiMessage::text),
                bed.api.cards().stream().map(card -> card.param(CardCreator.PUBLIC_CONTENT_KEY))).toList();
    }

    @Override
    protected Attachment userSentPicture(Image image) {
        bed.api.addDownload("contract-code", image.bytes());
        return Attachment.picture("contract-code");
    }

    @Override
    protected Attachment userSentFile(String fileName, byte[] bytes) {
        bed.api.addDownload("contract-file", bytes);
        return Attachment.file("contract-file", fileName);
    }
}
