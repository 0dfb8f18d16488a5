package dev.dingbot.dingtalk;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.ChatKind;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.OutgoingMessage;
import dev.dingbot.testkit.dingtalk.FakeDingTalkApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AccessTokenLoggingTest {
    private final ReplyTestBed bed = new ReplyTestBed(ReplyTestBed.Options.cards("custom.schema",
            java.time.Duration.ofMillis(50)));
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.dingbot.dingtalk");
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void capture() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(logs);
        bed.close();
    }

    @Test
    void failures_are_logged_without_secrets_tokens_or_webhook_sessions() {
        bed.api.failUploads(1);
        bed.api.failNext(FakeDingTalkApi.CARD_STREAMING, 500, 10);
        bed.api.failNext(FakeDingTalkApi.GROUP_SEND, 500, 10);
        bed.api.expireSession("secret-session");
        var channel = bed.channel(bed.group("secret-session"));

        channel.uploadImage(Image.of(new byte[]{(byte) 0x89, 'P', 'N', 'G', 1}));
        channel.send(OutgoingMessage.text("hello", List.of()));
        channel.openStream("…").orElseThrow().finish("done");
        channel.fetchImage(Attachment.picture("unknown-code"));
        bed.channel(bed.message(ChatKind.GROUP, ReplyTestBed.route("http://198.51.100.7/robot/sendBySession?session=forged",
                0))).send(OutgoingMessage.text("x", List.of()));

        List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).isNotEmpty();
        assertThat(lines).noneMatch(line -> line.contains(ReplyTestBed.SECRET) || line.contains("token-")
                || line.contains("secret-session") || line.contains("session=forged"));
    }
}
