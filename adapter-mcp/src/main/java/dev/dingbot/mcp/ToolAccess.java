package dev.dingbot.mcp;

import dev.dingbot.core.model.ToolAsker;

/** Whether a server's tools are offered to an asker: admins only, listed users only, listed groups only. */
final class ToolAccess {

    private ToolAccess() {
    }

    static boolean offers(McpServerSettings server, ToolAsker asker) {
        if (server.adminOnly() && !asker.admin()) return false;
        if (!server.allowUsers().isEmpty() && !server.allowUsers().contains(asker.userId())) return false;
        return !asker.inGroup() || server.allowGroups().isEmpty()
                || server.allowGroups().contains(asker.conversationId());
    }
}
