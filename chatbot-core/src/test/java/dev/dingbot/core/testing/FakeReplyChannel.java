package dev.dingbot.core.testing;

import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.Download;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.OutgoingMessage;
import dev.dingbot.core.port.ReplyChannel;
import dev.dingbot.core.port.StreamingReply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the bot posts; cards, uploads and downloads work when switched on. */
public final class FakeReplyChannel implements ReplyChannel {

    private final List<OutgoingMessage> sent = new CopyOnWriteArrayList<>();
    private final List<String> cardFrames = new CopyOnWriteArrayList<>();
    private final List<String> shown = new ArrayList<>();
    private final Map<String, Image> pictures = new ConcurrentHashMap<>();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<OutgoingMessage> sentPrivately = new CopyOnWriteArrayList<>();
    private volatile boolean privateSends;
    private volatile boolean cards;
    private volatile boolean cardFinishAccepted = true;
    private volatile String uploadRef;
    private volatile String finalCardContent;
    private volatile String failedCardContent;

    public FakeReplyChannel withCards(boolean finishAccepted) {
        cards = true;
        cardFinishAccepted = finishAccepted;
        return this;
    }

    /** Lets {@link #sendPrivately} reach the sender; by default it cannot, like a text-only channel. */
    public FakeReplyChannel withPrivateSends() {
        privateSends = true;
        return this;
    }

    /** What reached the sender alone. */
    public List<OutgoingMessage> sentPrivately() {
        return sentPrivately;
    }

    public FakeReplyChannel withUploads(String mediaRef) {
        uploadRef = mediaRef;
        return this;
    }

    /** Makes {@code image} downloadable as the picture a user sent with {@code downloadCode}. */
    public FakeReplyChannel withPicture(String downloadCode, Image image) {
        pictures.put(downloadCode, image);
        return this;
    }

    /** Makes {@code bytes} downloadable as the file a user sent (or quoted) with {@code downloadCode}. */
    public FakeReplyChannel withFile(String downloadCode, byte[] bytes) {
        files.put(downloadCode, bytes.clone());
        return this;
    }

    public List<OutgoingMessage> sent() {
        return sent;
    }

    public OutgoingMessage only() {
        if (sent.size() != 1) throw new AssertionError("expected one reply, got " + sent);
        return sent.get(0);
    }

    /** What the recipient sees, in order: each message's text, each card's current content. */
    public synchronized List<String> shown() {
        return List.copyOf(shown);
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
        show(-1, message.text());
        return true;
    }

    @Override
    public boolean sendPrivately(OutgoingMessage message) {
        if (!privateSends) return false;
        sentPrivately.add(message);
        return true;
    }

    /** Shows {@code text} in slot {@code index}, or in a new slot when it is -1; returns the slot. */
    private synchronized int show(int index, String text) {
        if (index < 0) {
            shown.add(text);
            return shown.size() - 1;
        }
        shown.set(index, text);
        return index;
    }

    @Override
    public Optional<StreamingReply> openStream(String initialContent) {
        if (!cards) return Optional.empty();
        cardFrames.add(initialContent);
        int slot = show(-1, initialContent);
        return Optional.of(new StreamingReply() {
            @Override
            public void update(String fullContent) {
                cardFrames.add(fullContent);
                show(slot, fullContent);
            }

            @Override
            public boolean finish(String fullContent) {
                finalCardContent = fullContent;
                if (cardFinishAccepted) show(slot, fullContent);
                return cardFinishAccepted;
            }

            @Override
            public boolean fail(String fullContent) {
                failedCardContent = fullContent;
                if (cardFinishAccepted) show(slot, fullContent);
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
        return Optional.ofNullable(pictures.get(attachment.downloadCode()));
    }

    /** A file or picture registered for the code, capped like a real channel; anything else is unavailable. */
    @Override
    public Download download(Attachment attachment, long maxBytes) {
        byte[] bytes = files.get(attachment.downloadCode());
        Image picture = pictures.get(attachment.downloadCode());
        if (bytes == null && picture != null) bytes = picture.bytes();
        if (bytes == null) return Download.unavailable();
        return bytes.length > maxBytes ? Download.tooLarge(bytes.length) : Download.ok(bytes.clone());
    }
}
