package dev.dingbot.app.config;

import java.util.List;
import java.util.Locale;

/**
 * The hosts {@code no_proxy} (env {@code NO_PROXY}) sends past {@code http_proxy}, written as curl and most tools read
 * it: comma-separated names, each matching itself and its subdomains (a leading dot is optional), IP addresses, and
 * {@code *} for every host. A host-wide proxy beside a model server on the local network (Ollama, vLLM) is common.
 */
final class NoProxy {

    private final List<String> entries;

    NoProxy(List<String> entries) {
        this.entries = entries.stream().map(e -> e.trim().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty())
                .map(e -> e.startsWith(".") ? e.substring(1) : e).toList();
    }

    /** Whether requests to {@code host} go direct, not through the proxy. */
    boolean bypasses(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        for (String entry : entries) {
            if (entry.equals("*") || h.equals(entry) || h.endsWith("." + entry)) return true;
        }
        return false;
    }
}
