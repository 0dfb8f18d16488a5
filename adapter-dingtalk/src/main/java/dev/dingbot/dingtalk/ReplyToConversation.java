package dev.dingbot.dingtalk;

import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.Download;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.OutgoingMessage;
import dev.dingbot.core.port.ReplyChannel;
import dev.dingbot.core.port.StreamingReply;
import okhttp3.HttpUrl;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The conversation of one DingTalk message. Plain replies go through the session webhook while it is valid and
 * on the oapi host, otherwise (or once it proves expired) through OpenAPI as the robot.
 */
final class ReplyToConversation implements ReplyChannel {

    /** The shared parts every conversation uses. */
    record Parts(DingTalkSettings settings, Clock clock, ReplySplitter splitter, WebhookSender webhook,
                 OpenApiRobotSender robot, MediaClient media, CardCreator cards) {
    }

    private final Parts parts;
    private final ReplyTarget target;
    private final String messageId;
    private final boolean replayed;
    /** The session webhook while it may be used; null once it is expired, refused or never was usable. */
    private volatile HttpUrl webhook;

    /** @param replayed the message is answered again after a restart: its card, if it has one, is continued */
    ReplyToConversation(Parts parts, ReplyTarget target, String messageId, boolean replayed) {
        this.parts = parts;
        this.target = target;
        this.messageId = messageId;
        this.replayed = replayed;
        this.webhook = target.webhook().isEmpty() ? null : parts.webhook().usable(target.webhook());
    }

    @Override
    public boolean send(OutgoingMessage message) {
        for (OutgoingMessage piece : parts.splitter().split(message)) {
            if (!sendOne(piece)) return false;
        }
        return true;
    }

    private boolean sendOne(OutgoingMessage message) {
        if (webhook != null && expired()) webhook = null;
        HttpUrl usable = webhook;
        if (usable != null) {
            switch (parts.webhook().post(usable, message)) {
                case SENT -> {
                    return true;
                }
                case REJECTED -> {
                    return false;
                }
                case UNUSABLE -> webhook = null;
            }
        }
        return parts.robot().send(target, message);
    }

    /** Through OpenAPI's private send to the sender's staffId; the session webhook reaches the conversation only. */
    @Override
    public boolean sendPrivately(OutgoingMessage message) {
        if (target.staffId().isEmpty()) return false;
        ReplyTarget privateChat = target.privateChat();
        for (OutgoingMessage piece : parts.splitter().split(message)) {
            if (!parts.robot().send(privateChat, piece)) return false;
        }
        return true;
    }

    /** Checked at send time: a long answer can outlive the webhook it started with. */
    private boolean expired() {
        return target.webhookExpires() != 0 && target.webhookExpires() <= parts.clock().millis();
    }

    @Override
    public Optional<StreamingReply> openStream(String initialContent) {
        if (!parts.settings().cardsEnabled()) return Optional.empty();
        return parts.cards().open(target, messageId, initialContent,
                overflow -> send(OutgoingMessage.markdown(overflow, List.of())), replayed);
    }

    @Override
    public Optional<String> uploadImage(Image image) {
        return parts.media().upload(target, image);
    }

    @Override
    public Optional<Image> fetchImage(Attachment attachment) {
        return parts.media().picture(target, attachment);
    }

    @Override
    public Download download(Attachment attachment, long maxBytes) {
        return parts.media().download(target, attachment, maxBytes);
    }
}
