package dev.dingbot.core.settings;

import java.util.Objects;
import java.util.Set;

/**
 * Who may talk to the bot. User lists hold DingTalk staff ids, or sender ids for senders without one (groups:
 * conversation ids); an empty allow list allows everyone. Admins and VIPs no longer depend on {@code app_secrets}.
 */
public record AccessSettings(AllowedChats allowedChats, Set<String> allowGroups, Set<String> allowUsers,
                             Set<String> denyUsers, Set<String> vipUsers, Set<String> adminUsers) {

    public AccessSettings {
        Objects.requireNonNull(allowedChats, "allowedChats");
        allowGroups = Set.copyOf(allowGroups);
        allowUsers = Set.copyOf(allowUsers);
        denyUsers = Set.copyOf(denyUsers);
        vipUsers = Set.copyOf(vipUsers);
        adminUsers = Set.copyOf(adminUsers);
    }

    public static AccessSettings openToAll() {
        return new AccessSettings(AllowedChats.ALL, Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
    }
}
