package dev.dingbot.core.pipeline;

import dev.dingbot.core.model.ChatKind;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.settings.AccessSettings;

import java.util.Optional;

/**
 * Who may use the bot, with the original's precedence (spec §4.5): admins pass every list, deny beats allow,
 * senders without a staff id are not matched against lists. Admin and VIP status no longer depend on
 * {@code app_secrets}.
 */
final class AccessPolicy {

    private final AccessSettings settings;

    AccessPolicy(AccessSettings settings) {
        this.settings = settings;
    }

    boolean isAdmin(String staffId) {
        return !staffId.isEmpty() && settings.adminUsers().contains(staffId);
    }

    boolean isVip(String staffId) {
        return isAdmin(staffId) || (!staffId.isEmpty() && settings.vipUsers().contains(staffId));
    }

    boolean chatKindAllowed(ChatKind kind) {
        return switch (settings.allowedChats()) {
            case ALL -> true;
            case PRIVATE_ONLY -> kind == ChatKind.PRIVATE;
            case GROUP_ONLY -> kind == ChatKind.GROUP;
        };
    }

    /** The denial text for this sender, or empty when the message may go on. */
    Optional<String> denial(IncomingMessage message) {
        String staffId = message.sender().staffId();
        if (staffId.isEmpty() || isAdmin(staffId)) return Optional.empty();
        if (message.inGroup() && !groupAllowed(message.conversationId())) return Optional.of(ReplyTexts.GROUP_DENIED);
        if (!userAllowed(staffId)) return Optional.of(ReplyTexts.USER_DENIED);
        return Optional.empty();
    }

    private boolean groupAllowed(String conversationId) {
        return settings.allowGroups().isEmpty() || settings.allowGroups().contains(conversationId);
    }

    private boolean userAllowed(String staffId) {
        if (settings.denyUsers().contains(staffId)) return false;
        return settings.allowUsers().isEmpty() || settings.allowUsers().contains(staffId);
    }
}
