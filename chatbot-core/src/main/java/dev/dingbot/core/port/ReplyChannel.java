package dev.dingbot.core.port;

import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.Download;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.OutgoingMessage;

import java.util.Optional;

/**
 * The conversation one message came from, as the channel can reach it. Methods block; they report failure as a
 * value and never throw for network trouble.
 */
public interface ReplyChannel {

    /** Posts one message; true once the platform accepted it. */
    boolean send(OutgoingMessage message);

    /**
     * Posts one message to the sender alone, in the robot's private chat with them, wherever the message came
     * from; true once the platform accepted it. By default a channel cannot, and says false.
     */
    default boolean sendPrivately(OutgoingMessage message) {
        return false;
    }

    /**
     * Opens a streaming answer (an AI card) showing {@code initialContent}. Empty when streaming is not configured
     * or the card could not be created and delivered: the caller then answers with plain messages. By default a
     * channel has no streaming answers.
     */
    default Optional<StreamingReply> openStream(String initialContent) {
        return Optional.empty();
    }

    /**
     * Uploads an image to the platform and returns a reference a markdown reply can embed; empty on failure. By
     * default a channel uploads nothing (generated images then go out as public links, where configured).
     */
    default Optional<String> uploadImage(Image image) {
        return Optional.empty();
    }

    /** Downloads a picture the user sent; empty when it cannot be had. By default a channel fetches none. */
    default Optional<Image> fetchImage(Attachment attachment) {
        return Optional.empty();
    }

    /**
     * Downloads what a user sent or quoted (a file, a picture), reading at most {@code maxBytes}: a larger one is
     * {@link Download.Outcome#TOO_LARGE} and is not read further. By default a channel downloads nothing
     * ({@link Download.Outcome#UNAVAILABLE}).
     */
    default Download download(Attachment attachment, long maxBytes) {
        return Download.unavailable();
    }
}
