package dev.dingbot.core.pipeline;

import dev.dingbot.core.model.ChatKind;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.Sender;
import dev.dingbot.core.settings.AccessSettings;

import java.util.Optional;
import java.util.Set;

/**
 * Who may use the bot, with the original's precedence (spec §4.5): admins pass every list, deny beats allow. Unlike
 * the original, senders without a staff id are not waved through: {@code allow_groups} applies to every sender,
 * user lists match the staff id or the sender id, and a non-empty {@code allow_users} refuses a sender it does not
 * name. Admin and VIP status need a staff id, and no longer depend on {@code app_secrets}.
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
        Sender sender = message.sender();
        if (isAdmin(sender.staffId())) return Optional.empty();
        if (message.inGroup() && !groupAllowed(message.conversationId())) return Optional.of(ReplyTexts.GROUP_DENIED);
        if (!userAllowed(sender)) return Optional.of(ReplyTexts.USER_DENIED);
        return Optional.empty();
    }

    private boolean groupAllowed(String conversationId) {
        return settings.allowGroups().isEmpty() || settings.allowGroups().contains(conversationId);
    }

    private boolean userAllowed(Sender sender) {
        if (names(settings.denyUsers(), sender)) return false;
        return settings.allowUsers().isEmpty() || names(settings.allowUsers(), sender);
    }

    private static boolean names(Set<String> list, Sender sender) {
        return (sender.hasStaffId() && list.contains(sender.staffId()))
                || (!sender.id().isEmpty() && list.contains(sender.id()));
    }
}
