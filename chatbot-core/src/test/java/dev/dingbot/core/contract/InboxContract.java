package dev.dingbot.core.contract;

import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.ChatKind;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.MessageType;
import dev.dingbot.core.model.QuotedMessage;
import dev.dingbot.core.model.Sender;
import dev.dingbot.core.port.Inbox;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link Inbox} promises. Subclasses give a fresh, empty inbox per test. */
public abstract class InboxContract {

    protected abstract Inbox inbox();

    /** A message with every field filled, so stores that serialise it show a lossless round trip. */
    public static IncomingMessage message(String msgId) {
        return message(msgId, new QuotedMessage(MessageType.RICH_TEXT, "看这个\n\"图\"",
                List.of(Attachment.picture("dl-3"), Attachment.file("dl-4", "季度报告.pdf"))));
    }

    /** As {@link #message(String)}, quoting {@code quoted}. */
    public static IncomingMessage message(String msgId, QuotedMessage quoted) {
        return new IncomingMessage(msgId, "robot-code", ChatKind.GROUP, "cid-1", "运维群",
                new Sender("s1", "alice", "sender-1"), MessageType.RICH_TEXT, "hello\n\"world\"",
                List.of(Attachment.picture("dl-1"), new Attachment(Attachment.Kind.FILE, "dl-2", "log.txt")), quoted,
                Instant.parse("2026-01-01T08:00:00.123Z"),
                Map.of("sessionWebhook", "https://example.invalid/hook?x=1", "expiresAt", "1767254400000"));
    }

    @Test
    void a_message_is_admitted_once_and_its_redelivery_refused() {
        assertThat(inbox().admit(message("m1"))).isTrue();
        assertThat(inbox().admit(message("m1"))).isFalse();
        assertThat(inbox().admit(message("m2"))).isTrue();
    }

    @Test
    void a_completed_message_stays_seen() {
        inbox().admit(message("m1"));
        inbox().complete("m1");

        assertThat(inbox().admit(message("m1"))).isFalse();
    }

    @Test
    void pending_lists_admitted_messages_oldest_first_without_completed_ones() {
        inbox().admit(message("m1"));
        inbox().admit(message("m2"));
        inbox().admit(message("m3"));
        inbox().complete("m2");

        assertThat(inbox().pending()).containsExactly(message("m1"), message("m3"));
    }

    @Test
    void completing_an_unknown_or_completed_message_is_harmless() {
        inbox().complete("never-admitted");
        inbox().admit(message("m1"));
        inbox().complete("m1");
        inbox().complete("m1");

        assertThat(inbox().pending()).isEmpty();
        assertThat(inbox().admit(message("never-admitted"))).isTrue();
    }
}
