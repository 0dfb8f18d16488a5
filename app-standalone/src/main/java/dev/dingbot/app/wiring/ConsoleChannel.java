package dev.dingbot.app.wiring;

import dev.dingbot.core.model.OutgoingMessage;
import dev.dingbot.core.port.ReplyChannel;

import java.io.PrintStream;

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
}
