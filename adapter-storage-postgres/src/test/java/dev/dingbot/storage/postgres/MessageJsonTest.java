package dev.dingbot.storage.postgres;

import dev.dingbot.core.contract.InboxContract;
import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.MessageType;
import dev.dingbot.core.model.QuotedMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageJsonTest {

    @Test
    void a_stored_message_with_a_quote_reads_back_equal() {
        IncomingMessage message = InboxContract.message("m1");

        IncomingMessage read = MessageJson.read(MessageJson.write(message));

        assertThat(read).isEqualTo(message);
        assertThat(read.quoted().attachments()).extracting(Attachment::fileName).containsExactly("", "季度报告.pdf");
    }

    @Test
    void a_message_quoting_nothing_is_stored_without_a_quote_field() {
        IncomingMessage message = InboxContract.message("m1", QuotedMessage.NONE);

        assertThat(MessageJson.write(message)).doesNotContain("quoted");
        assertThat(MessageJson.read(MessageJson.write(message))).isEqualTo(message);
    }

    @Test
    void a_row_written_before_quotes_were_kept_reads_as_a_message_quoting_nothing() {
        String older = """
                {"msgId":"m1","appId":"robot-code","chatKind":"GROUP","conversationId":"cid-1",\
                "conversationTitle":"运维群","sender":{"staffId":"s1","nick":"alice","id":"sender-1"},\
                "type":"TEXT","text":"hello","attachments":[{"kind":"FILE","downloadCode":"dl-2","fileName":"a.txt"}],\
                "createdAt":"2026-01-01T08:00:00.123Z","route":{"sessionWebhook":"https://example.invalid/hook"}}""";

        IncomingMessage read = MessageJson.read(older);

        assertThat(read.quoted()).isEqualTo(QuotedMessage.NONE);
        assertThat(read.type()).isEqualTo(MessageType.TEXT);
        assertThat(read.files()).containsExactly(Attachment.file("dl-2", "a.txt"));
    }
}
