package dev.dingbot.app.wiring;

import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.OutgoingMessage;
import dev.dingbot.core.port.ReplyChannel;
import dev.dingbot.core.port.StreamingReply;

import java.io.PrintStream;
import java.util.Optional;

/** The terminal as a chat: replies are printed as they are; there are no cards, uploads or pictures. */
final class ConsoleChannel implements ReplyChannel {

    private final PrintStream out;

    ConsoleChannel(PrintStream out) {
        this.out = out;
    }

    @Override
    public boolean send(OutgoingMessage message) {
        synchronized (out) {
            out.println("🤖 " + message.text());
            out.println();
            out.flush();
        }
        return true;
    }

    @Override
    public Optional<StreamingReply> openStream(String initialContent) {
        return Optional.empty();
    }

    @Override
    public Optional<String> uploadImage(Image image) {
        return Optional.empty();
    }

    @Override
    public Optional<Image> fetchImage(Attachment attachment) {
        return Optional.empty();
    }
}
