package dev.dingbot.dingtalk;

import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.OutgoingMessage;
import dev.dingbot.core.port.ReplyChannel;
import dev.dingbot.core.port.StreamingReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/** An outbound side that refuses every reply: the channel without a reply transport wired in. */
final class RefusingReplies implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RefusingReplies.class);

    ReplyChannel channelFor(IncomingMessage message) {
        return new ReplyChannel() {
            @Override
            public boolean send(OutgoingMessage reply) {
                log.warn("no reply transport is wired; the answer to {} is dropped", message.msgId());
                return false;
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
        };
    }

    @Override
    public void close() {
    }
}
