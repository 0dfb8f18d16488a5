package dev.dingbot.core.port;

import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.OutgoingMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An app embedding the core can answer through a channel that implements only {@code send}. */
class TextOnlyChannelTest {

    @Test
    void a_channel_that_only_sends_has_no_private_sends_cards_uploads_or_downloads() {
        List<String> sent = new ArrayList<>();
        ReplyChannel textOnly = message -> sent.add(message.text());

        assertThat(textOnly.send(OutgoingMessage.text("hi", List.of()))).isTrue();
        assertThat(sent).containsExactly("hi");
        assertThat(textOnly.sendPrivately(OutgoingMessage.text("secret", List.of()))).isFalse();
        assertThat(sent).containsExactly("hi");
        assertThat(textOnly.openStream("thinking")).isEmpty();
        assertThat(textOnly.uploadImage(Image.of(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}))).isEmpty();
        assertThat(textOnly.fetchImage(new Attachment(Attachment.Kind.PICTURE, "code", ""))).isEmpty();
    }
}
