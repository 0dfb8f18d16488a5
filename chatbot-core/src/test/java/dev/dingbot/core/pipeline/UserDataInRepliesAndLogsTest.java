package dev.dingbot.core.pipeline;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.dingbot.core.model.Sender;
import dev.dingbot.core.settings.AccessSettings;
import dev.dingbot.core.settings.AllowedChats;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;

import static dev.dingbot.core.testing.Messages.ALICE;
import static dev.dingbot.core.testing.Messages.aGroupMessage;
import static dev.dingbot.core.testing.Messages.aPrivateMessage;
import static org.assertj.core.api.Assertions.assertThat;

/** Names and titles users choose are echoed by the bot: they must not become markdown nor forge log lines. */
class UserDataInRepliesAndLogsTest {

    static final String MARKDOWN_NAME = "Eve](https://evil.example)![x](https://evil.example/p.png)**";

    @Test
    void a_nick_with_markdown_puts_no_link_or_image_into_the_bots_replies() {
        Bot bot = new Bot();
        Sender eve = new Sender("eve05", MARKDOWN_NAME, "$:eve");
        for (String command : List.of("重置", "串聊", "模板")) {
            String reply = bot.reply(aGroupMessage().from(eve).saying(command).build());
            assertThat(reply).as(command).contains("Eve").doesNotContain("](").doesNotContain("![")
                    .doesNotContain(MARKDOWN_NAME);
        }
    }

    @Test
    void a_nick_with_markdown_is_not_mentioned_as_markdown_when_the_sender_has_no_staff_id() {
        Bot bot = new Bot();
        String reply = bot.reply(aGroupMessage().from(new Sender("", MARKDOWN_NAME, "$:eve")).saying("hi").build());
        assertThat(reply).startsWith("answer to: hi\n\n@Eve").doesNotContain("](").doesNotContain("![");
    }

    @Test
    void a_group_title_with_markdown_puts_no_link_into_the_group_id_reply() {
        Bot bot = new Bot(b -> b.access(new AccessSettings(AllowedChats.ALL, Set.of(), Set.of(), Set.of(), Set.of(),
                Set.of(ALICE.staffId()))));
        String reply = bot.reply(aGroupMessage().titled("[点我](https://evil.example)").from(ALICE).saying("群ID").build());
        assertThat(reply).contains("点我").contains("cidGroup1").doesNotContain("](");
    }

    @Test
    void line_breaks_in_a_nick_or_a_title_cannot_forge_a_log_line() {
        Logger logger = (Logger) LoggerFactory.getLogger("dev.dingbot.core.pipeline");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            Bot bot = new Bot(b -> b.access(new AccessSettings(AllowedChats.ALL, Set.of(), Set.of(), Set.of(),
                    Set.of(), Set.of(ALICE.staffId()))));
            Sender forger = new Sender("m06", "Mallory\r\n2026-11-24 02:00:00 INFO admin logged in", "$:m");
            bot.send(aGroupMessage().titled("ops\nWARN forged").from(forger).saying("hi").build());
            bot.send(aGroupMessage().titled("ops\nWARN forged").from(ALICE).saying("群ID").build());
        } finally {
            logger.detachAppender(logged);
        }
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).contains("Mallory"))
                .anySatisfy(line -> assertThat(line).contains("ops"))
                .allSatisfy(line -> assertThat(line).doesNotContain("\n").doesNotContain("\r"));
    }
}
