package dev.dingbot.dingtalk;

import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.OutgoingMessage;
import dev.dingbot.core.port.ReplyChannel;
import dev.dingbot.core.port.StreamingReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/** Where the answer to one incoming message goes: the outbound transport, seen from the inbound side. */
@FunctionalInterface
interface ReplyChannels {

    ReplyChannel channelFor(IncomingMessage message);

    /** Refuses every reply, for a channel with no outbound transport wired in. */
    ReplyChannels REFUSING = message -> new ReplyChannel() {
        private final Logger log = LoggerFactory.getLogger(ReplyChannels.class);

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
