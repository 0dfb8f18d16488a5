package dev.dingbot.core.pipeline;

import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.ImageResult;
import dev.dingbot.core.model.MessageType;
import dev.dingbot.core.model.Mode;
import dev.dingbot.core.settings.QuotaSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;

import static dev.dingbot.core.pipeline.ConversationTest.conversation;
import static dev.dingbot.core.testing.Messages.BOB;
import static dev.dingbot.core.testing.Messages.aPrivateMessage;
import static org.assertj.core.api.Assertions.assertThat;

/** A question counted against the daily quota stays counted exactly when a model answered it. */
class QuotaRefundTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    private final Bot bot = new Bot(b -> b.quota(new QuotaSettings(5, QuotaSettings.DEFAULT_ZONE))
            .conversation(conversation(Mode.CONTEXT, Duration.ofMinutes(10), 20, 1024, 100_000, "")));

    private int used() {
        return bot.quotas.used(BOB.identifier(), TODAY);
    }

    @Test
    void an_answered_question_stays_counted() {
        bot.send(aPrivateMessage().from(BOB).saying("q1").build());
        assertThat(used()).isEqualTo(1);
    }

    @Test
    void an_answer_that_is_empty_once_its_reasoning_is_stripped_stays_counted() {
        bot.model.thenReturn(ChatResult.ok("<think>hm</think>", null));
        assertThat(bot.reply(aPrivateMessage().from(BOB).saying("q1").build())).startsWith(ReplyTexts.EMPTY_ANSWER);
        assertThat(used()).isEqualTo(1);
    }

    @Test
    void a_question_too_long_for_the_model_is_given_back() {
        bot.send(aPrivateMessage().from(BOB).saying("a question far longer than twenty tokens ".repeat(4)).build());
        assertThat(bot.model.requests()).isEmpty();
        assertThat(used()).isZero();
    }

    @Test
    void a_picture_that_cannot_be_downloaded_is_given_back() {
        bot.send(aPrivateMessage().from(BOB).ofType(MessageType.PICTURE).withPicture("code1").build());
        assertThat(used()).isZero();
    }

    @Test
    void a_failed_model_call_is_given_back() {
        bot.model.thenReturn(ChatResult.failed(ChatStatus.SERVER_ERROR, "boom"));
        bot.send(aPrivateMessage().from(BOB).saying("q1").build());
        assertThat(used()).isZero();
    }

    @Test
    void a_second_context_too_long_error_is_given_back() {
        bot.send(aPrivateMessage().from(BOB).saying("q0").build());
        bot.model.thenReturn(ChatResult.failed(ChatStatus.CONTEXT_TOO_LONG, "too long"))
                .thenReturn(ChatResult.failed(ChatStatus.CONTEXT_TOO_LONG, "too long"));
        bot.send(aPrivateMessage().from(BOB).saying("q1").build());
        assertThat(bot.model.requests()).hasSize(3);
        assertThat(used()).isEqualTo(1);
    }

    @Test
    void a_generated_image_stays_counted_and_a_failed_one_is_given_back() {
        bot.send(aPrivateMessage().from(BOB).saying("#图片 cat").build());
        assertThat(used()).isEqualTo(1);
        bot.imageResult = new ImageResult.Failed(ChatStatus.CONTENT_FILTERED, "moderation_blocked");
        bot.send(aPrivateMessage().from(BOB).saying("#图片 dog").build());
        assertThat(used()).isEqualTo(1);
    }
}
