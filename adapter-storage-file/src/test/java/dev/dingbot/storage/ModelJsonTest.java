package dev.dingbot.storage;

import dev.dingbot.core.contract.InboxContract;
import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.MessageType;
import dev.dingbot.core.model.Mode;
import dev.dingbot.core.model.QuotedMessage;
import dev.dingbot.core.model.Session;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ModelJsonTest {

    @Test
    void a_journalled_message_with_a_quote_reads_back_equal() {
        IncomingMessage message = InboxContract.message("m1");

        IncomingMessage read = ModelJson.message(ModelJson.parse(ModelJson.line(ModelJson.message(message))));

        assertThat(read).isEqualTo(message);
        assertThat(read.quoted().attachments()).extracting(Attachment::fileName).containsExactly("", "季度报告.pdf");
    }

    @Test
    void a_message_quoting_nothing_is_journalled_without_a_quote_field() {
        IncomingMessage message = InboxContract.message("m1", QuotedMessage.NONE);

        assertThat(ModelJson.message(message).has("quoted")).isFalse();
        assertThat(ModelJson.message(ModelJson.message(message))).isEqualTo(message);
    }

    @Test
    void a_journal_line_written_before_quotes_were_kept_reads_as_a_message_quoting_nothing() {
        String older = """
                {"msgId":"m1","appId":"robot-code","chatKind":"GROUP","conversationId":"cid-1",\
                "conversationTitle":"运维群","sender":{"staffId":"s1","nick":"alice","id":"sender-1"},\
                "type":"TEXT","text":"hello","attachments":[{"kind":"FILE","downloadCode":"dl-2","fileName":"a.txt"}],\
                "createdAt":"2026-01-01T08:00:00.123Z","route":{"sessionWebhook":"https://example.invalid/hook"}}""";

        IncomingMessage read = ModelJson.message(ModelJson.parse(older));

        assertThat(read.quoted()).isEqualTo(QuotedMessage.NONE);
        assertThat(read.type()).isEqualTo(MessageType.TEXT);
        assertThat(read.files()).containsExactly(Attachment.file("dl-2", "a.txt"));
    }

    @Test
    void a_session_line_written_before_models_could_be_chosen_reads_as_a_session_on_the_default_model() {
        String older = """
                {"mode":"CONTEXT","context":[{"role":"USER","text":"hi"}],"lastAnswerId":3,\
                "updatedAt":"2026-01-01T08:00:00Z"}""";

        Session read = ModelJson.session(ModelJson.parse(older));

        assertThat(read.model()).isEmpty();
        assertThat(read.mode()).isEqualTo(Mode.CONTEXT);
    }

    @Test
    void a_session_on_the_default_model_is_written_without_a_model_field() {
        Session onDefault = new Session(Mode.SINGLE, List.of(), 0, Instant.parse("2026-01-01T08:00:00Z"));

        assertThat(ModelJson.session(onDefault).has("model")).isFalse();
    }
}
