package dev.dingbot.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.text.Redaction;
import dev.dingbot.ops.DomainOps;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code tools.builtin} and {@code mcp_servers}: the widely used {@code mcpServers} shape, a map of server name to
 * {@code command}/{@code args}/{@code env} (stdio) or {@code url}/{@code headers} (Streamable HTTP), with who may use
 * its tools. Env values and header values are secrets: never echoed, masked wherever config is printed.
 */
final class ToolsConfig {

    /** What a server entry may hold; anything else is reported as a likely typo. */
    static final Set<String> SERVER_FIELDS = Set.of("command", "args", "env", "url", "headers", "admin_only",
            "allow_users", "allow_groups");

    private ToolsConfig() {
    }

    /** Unset: every built-in tool; {@code []} (in the file) or a list: those, each one the bot knows. */
    static List<String> builtIn(ConfigReader r, ConfigKey<List<String>> key) {
        Optional<ConfigReader.Raw> raw = r.raw(key);
        if (raw.isEmpty()) return DomainOps.TOOL_NAMES;
        List<String> names = new ArrayList<>();
        for (String name : r.list(key)) {
            if (DomainOps.TOOL_NAMES.contains(name)) {
                if (!names.contains(name)) names.add(name);
            } else {
                r.problem(raw.get().label(), name, "not a built-in tool: the built-in tools are " + ConfigKey.bracketed(DomainOps.TOOL_NAMES)
                        + "; [] offers none");
            }
        }
        return names;
    }

    static List<AppConfig.McpServer> mcpServers(ConfigReader r, ConfigKey<List<AppConfig.McpServer>> key) {
        JsonNode node = r.fileNode(key.path());
        if (node == null || node.isNull() || node.isMissingNode()) return List.of();
        if (!node.isObject()) {
            r.problem(key.path(), "", "must map server names to {command, args, env} or {url, headers}");
            return List.of();
        }
        List<AppConfig.McpServer> servers = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String label = key.path() + "." + entry.getKey();
            JsonNode server = entry.getValue();
            if (!server.isObject()) {
                r.problem(label, "", "must be a map with command (stdio) or url (Streamable HTTP)");
                continue;
            }
            server(entry.getKey(), label, server, r).ifPresent(servers::add);
        }
        return servers;
    }

    private static Optional<AppConfig.McpServer> server(String name, String label, JsonNode node,
                                                                ConfigReader r) {
        String command = node.path("command").asText("").trim();
        String url = node.path("url").asText("").trim();
        int before = r.problems().size();
        if (command.isEmpty() == url.isEmpty()) {
            r.problem(label, "", command.isEmpty()
                    ? "needs command (a program the bot starts, stdio) or url (Streamable HTTP, e.g. https://host/mcp)"
                    : "has both command and url: keep command for stdio, or url for Streamable HTTP");
        }
        if (!url.isEmpty() && !isHttpUrl(url)) {
            r.problem(label + ".url", url, "must be an http or https URL, e.g. https://mcp.example.com/mcp");
        }
        List<String> args = strings(node.get("args"), label + ".args", r);
        Map<String, Secret> env = secrets(node.get("env"), label + ".env", r);
        Map<String, Secret> headers = secrets(node.get("headers"), label + ".headers", r);
        JsonNode adminOnly = node.get("admin_only");
        if (adminOnly != null && !adminOnly.isBoolean()) r.problem(label + ".admin_only", adminOnly.asText(), "must be true or false");
        Set<String> users = new LinkedHashSet<>(strings(node.get("allow_users"), label + ".allow_users", r));
        Set<String> groups = new LinkedHashSet<>(strings(node.get("allow_groups"), label + ".allow_groups", r));
        if (r.problems().size() > before) return Optional.empty();
        return Optional.of(new AppConfig.McpServer(name, command, args, env, url, headers,
                adminOnly != null && adminOnly.asBoolean(), users, groups));
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A list of plain values at {@code label}; anything else is a problem there. Shared by the list-shaped keys. */
    static List<String> strings(JsonNode node, String label, ConfigReader r) {
        if (node == null || node.isNull()) return List.of();
        if (!node.isArray()) {
            r.problem(label, "", "must be a list, e.g. [\"a\", \"b\"]");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (item.isValueNode()) out.add(item.asText());
            else r.problem(label, "", "list items must be plain values");
        }
        return out;
    }

    /** A map of names to values that are secrets: a bad value is reported without being shown. */
    private static Map<String, Secret> secrets(JsonNode node, String label, ConfigReader r) {
        if (node == null || node.isNull()) return Map.of();
        if (!node.isObject()) {
            r.problem(label, "", "must be a map of NAME: value");
            return Map.of();
        }
        Map<String, Secret> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                r.problem(label + "." + e.getKey(), "(not shown: it may hold a secret)", "must be a plain value");
                continue;
            }
            out.put(e.getKey(), Secret.of(e.getValue().asText()));
        }
        return out;
    }

    /** For {@code check}: each server's name, how it is reached and who may use it; env and header values masked. */
    static String describe(List<AppConfig.McpServer> servers) {
        if (servers.isEmpty()) return "{}";
        return servers.stream().map(ToolsConfig::describe).collect(Collectors.joining(", ", "{", "}"));
    }

    private static String describe(AppConfig.McpServer s) {
        String reach = s.url().isEmpty()
                ? "command " + Redaction.secrets(String.join(" ", command(s)), List.of())
                : "url " + Redaction.userInfo(s.url());
        String env = s.env().isEmpty() ? "" : ", env " + masked(s.env());
        String headers = s.headers().isEmpty() ? "" : ", headers " + masked(s.headers());
        String who = s.adminOnly() ? ", admins only" : "";
        return s.name() + ": " + reach + env + headers + who;
    }

    private static List<String> command(AppConfig.McpServer s) {
        List<String> line = new ArrayList<>(List.of(s.command()));
        line.addAll(s.args());
        return line;
    }

    private static String masked(Map<String, Secret> values) {
        return values.keySet().stream().map(k -> k + "=***").collect(Collectors.joining(", ", "{", "}"));
    }
}
