package dev.dingbot.mcp;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One MCP server: a child process spoken to over stdio ({@code command}, {@code args}, {@code env}) or a Streamable
 * HTTP endpoint ({@code url}, {@code headers}), and who is offered its tools.
 *
 * @param name        how it is called in tool names ({@code <name>_<tool>}), logs and the status; unique
 * @param command     stdio: the program to start; null for HTTP
 * @param args        stdio: its arguments
 * @param env         stdio: variables added to the bot's environment for it; secrets, never logged
 * @param url         HTTP: the MCP endpoint; null for stdio
 * @param headers     HTTP: sent with every request (e.g. {@code Authorization}); secrets, never logged
 * @param adminOnly   only the bot's admins are offered its tools
 * @param allowUsers  staffIds offered its tools; empty: everyone
 * @param allowGroups group conversationIds its tools are offered in; empty: every group (private chats are not
 *                    restricted by it)
 */
public record McpServerSettings(String name, String command, List<String> args, Map<String, String> env, URI url,
                                Map<String, String> headers, boolean adminOnly, Set<String> allowUsers,
                                Set<String> allowGroups) {

    public McpServerSettings {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("an MCP server needs a name");
        if ((command == null) == (url == null)) {
            throw new IllegalArgumentException("MCP server " + name + " needs either a command or a url");
        }
        if (command != null && command.isBlank()) throw new IllegalArgumentException("MCP server " + name + ": empty command");
        args = List.copyOf(Objects.requireNonNullElse(args, List.of()));
        env = Map.copyOf(Objects.requireNonNullElse(env, Map.of()));
        headers = Map.copyOf(Objects.requireNonNullElse(headers, Map.of()));
        allowUsers = Set.copyOf(Objects.requireNonNullElse(allowUsers, Set.of()));
        allowGroups = Set.copyOf(Objects.requireNonNullElse(allowGroups, Set.of()));
    }

    /** A server started as a child process and spoken to over its standard input and output. */
    public static Builder stdio(String name, String command) {
        return new Builder(name, command, null);
    }

    /** A server reached over Streamable HTTP. */
    public static Builder http(String name, URI url) {
        return new Builder(name, null, url);
    }

    public boolean isStdio() {
        return command != null;
    }

    /** Without the values of {@code env} and {@code headers}: only their names. */
    @Override
    public String toString() {
        return "McpServerSettings[name=" + name + (isStdio() ? ", command=" + command + ", args=" + args
                + ", env=" + new TreeMap<>(env).keySet() : ", url=" + url + ", headers=" + new TreeMap<>(headers).keySet())
                + ", adminOnly=" + adminOnly + ", allowUsers=" + allowUsers + ", allowGroups=" + allowGroups + "]";
    }

    public static final class Builder {
        private final String name;
        private final String command;
        private final URI url;
        private List<String> args = List.of();
        private Map<String, String> env = Map.of();
        private Map<String, String> headers = Map.of();
        private boolean adminOnly;
        private Set<String> allowUsers = Set.of();
        private Set<String> allowGroups = Set.of();

        private Builder(String name, String command, URI url) {
            this.name = name;
            this.command = command;
            this.url = url;
        }

        public Builder args(List<String> value) { args = value; return this; }
        public Builder env(Map<String, String> value) { env = value; return this; }
        public Builder headers(Map<String, String> value) { headers = value; return this; }
        public Builder adminOnly(boolean value) { adminOnly = value; return this; }
        public Builder allowUsers(Set<String> value) { allowUsers = value; return this; }
        public Builder allowGroups(Set<String> value) { allowGroups = value; return this; }

        public McpServerSettings build() {
            if (command != null && !headers.isEmpty()) {
                throw new IllegalArgumentException("MCP server " + name + ": headers are for HTTP servers");
            }
            if (url != null && (!args.isEmpty() || !env.isEmpty())) {
                throw new IllegalArgumentException("MCP server " + name + ": args and env are for stdio servers");
            }
            return new McpServerSettings(name, command, args, env, url, headers, adminOnly, allowUsers, allowGroups);
        }
    }
}
