package dev.dingbot.core.fakes;

import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.OutgoingMessage;
import dev.dingbot.core.port.ReplyChannel;
import dev.dingbot.core.port.StreamingReply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link ReplyChannel} that keeps what it was given: messages, stream frames, uploads. Streams are available
 * unless turned off; sends can be made to fail. Thread-safe.
 */
public final class RecordingReplyChannel implements ReplyChannel {

    /** One opened stream: every frame in order, and how it ended. */
    public static final class Stream implements StreamingReply {
        private final List<String> frames = new ArrayList<>();
        private String ending = "";

        private Stream(String initialContent) {
            frames.add(initialContent);
        }

        @Override
        public synchronized void update(String fullContent) {
            if (ending.isEmpty()) frames.add(fullContent);
        }

        @Override
        public synchronized boolean finish(String fullContent) {
            return end("finished", fullContent);
        }

        @Override
        public synchronized boolean fail(String fullContent) {
            return end("failed", fullContent);
        }

        private boolean end(String how, String fullContent) {
            if (!ending.isEmpty()) return false;
            frames.add(fullContent);
            ending = how;
            return true;
        }

        public synchronized List<String> frames() {
            return List.copyOf(frames);
        }

        public synchronized String content() {
            return frames.get(frames.size() - 1);
        }

        /** "finished", "failed", or empty while open. */
        public synchronized String ending() {
            return ending;
        }
    }

    private final List<OutgoingMessage> sent = new ArrayList<>();
    private final List<Stream> streams = new ArrayList<>();
    private final List<Object> shown = new ArrayList<>();
    private final List<Image> uploads = new ArrayList<>();
    private final Map<String, Image> pictures = new HashMap<>();
    private boolean streaming = true;
    private boolean failSends;

    public synchronized RecordingReplyChannel withoutStreaming() {
        streaming = false;
        return this;
    }

    public synchronized void failSends(boolean fail) {
        failSends = fail;
    }

    /** Makes a picture fetchable by this download code. */
    public synchronized void addPicture(String downloadCode, Image image) {
        pictures.put(downloadCode, image);
    }

    @Override
    public synchronized boolean send(OutgoingMessage message) {
        if (failSends) return false;
        sent.add(message);
        shown.add(message);
        return true;
    }

    @Override
    public synchronized Optional<StreamingReply> openStream(String initialContent) {
        if (!streaming) return Optional.empty();
        Stream stream = new Stream(initialContent);
        streams.add(stream);
        shown.add(stream);
        return Optional.of(stream);
    }

    @Override
    public synchronized Optional<String> uploadImage(Image image) {
        uploads.add(image);
        return Optional.of("@media-" + uploads.size());
    }

    @Override
    public synchronized Optional<Image> fetchImage(Attachment attachment) {
        return Optional.ofNullable(pictures.get(attachment.downloadCode()));
    }

    public synchronized List<OutgoingMessage> sent() {
        return List.copyOf(sent);
    }

    public synchronized List<Stream> streams() {
        return List.copyOf(streams);
    }

    public synchronized List<Image> uploads() {
        return List.copyOf(uploads);
    }

    /** What the recipient sees, in order: each message's text and each stream's current content. */
    public synchronized List<String> shown() {
        return shown.stream()
                .map(item -> item instanceof Stream stream ? stream.content() : ((OutgoingMessage) item).text())
                .toList();
    }
}
