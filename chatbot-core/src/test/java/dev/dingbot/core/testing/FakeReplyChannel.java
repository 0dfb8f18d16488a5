package dev.dingbot.core.testing;

import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.OutgoingMessage;
import dev.dingbot.core.port.ReplyChannel;
import dev.dingbot.core.port.StreamingReply;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the bot posts; cards, uploads and downloads work when switched on. */
public final class FakeReplyChannel implements ReplyChannel {

    private final List<OutgoingMessage> sent = new CopyOnWriteArrayList<>();
    private final List<String> cardFrames = new CopyOnWriteArrayList<>();
    private volatile boolean cards;
    private volatile boolean cardFinishAccepted = true;
    private volatile String uploadRef;
    private volatile Image downloadable;
    private volatile String finalCardContent;
    private volatile String failedCardContent;

    public FakeReplyChannel withCards(boolean finishAccepted) {
        cards = true;
        cardFinishAccepted = finishAccepted;
        return this;
    }

    public FakeReplyChannel withUploads(String mediaRef) {
        uploadRef = mediaRef;
        return this;
    }

    public FakeReplyChannel withDownloads(Image image) {
        downloadable = image;
        return this;
    }

    public List<OutgoingMessage> sent() {
        return sent;
    }

    public OutgoingMessage only() {
        if (sent.size() != 1) throw new AssertionError("expected one reply, got " + sent);
        return sent.get(0);
    }

    public List<String> cardFrames() {
        return cardFrames;
    }

    public String finalCardContent() {
        return finalCardContent;
    }

    public String failedCardContent() {
        return failedCardContent;
    }

    @Override
    public boolean send(OutgoingMessage message) {
        sent.add(message);
        return true;
    }

    @Override
    public Optional<StreamingReply> openStream(String initialContent) {
        if (!cards) return Optional.empty();
        cardFrames.add(initialContent);
        return Optional.of(new StreamingReply() {
            @Override
            public void update(String fullContent) {
                cardFrames.add(fullContent);
            }

            @Override
            public boolean finish(String fullContent) {
                finalCardContent = fullContent;
                return cardFinishAccepted;
            }

            @Override
            public boolean fail(String fullContent) {
                failedCardContent = fullContent;
                return cardFinishAccepted;
            }
        });
    }

    @Override
    public Optional<String> uploadImage(Image image) {
        return Optional.ofNullable(uploadRef);
    }

    @Override
    public Optional<Image> fetchImage(Attachment attachment) {
        return Optional.ofNullable(downloadable);
    }
}
