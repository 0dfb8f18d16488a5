package dev.dingbot.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The fields we read from a WHOIS answer. Registries word them differently: Verisign and most gTLDs
 * ({@code Creation Date}, {@code Registry Expiry Date}, {@code Registrar}), CNNIC ({@code Registration Time},
 * {@code Expiration Time}, {@code Sponsoring Registrar}), RIPN ({@code created}, {@code paid-till},
 * {@code registrar}), and others.
 */
record WhoisAnswer(String created, String expires, String registrar, String registrarServer, String refer) {

    private static final List<String> CREATED = List.of("creation date", "created", "created on",
            "registration time", "registered on", "registered", "domain record activated");
    private static final List<String> EXPIRES = List.of("registry expiry date", "registrar registration expiration date",
            "expiration date", "expiry date", "expiration time", "expires on", "expires", "paid-till",
            "domain expires");
    private static final List<String> REGISTRAR = List.of("registrar", "sponsoring registrar", "registrar name");
    private static final Pattern NOT_FOUND = Pattern.compile(
            "(?i)no match|not found|no data found|no entries found|status:\\s*free|is available for registration");

    static WhoisAnswer parse(String text) {
        Map<String, String> first = new LinkedHashMap<>();
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) continue;
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (!value.isEmpty()) first.putIfAbsent(key, value);
        }
        return new WhoisAnswer(pick(first, CREATED), pick(first, EXPIRES), pick(first, REGISTRAR),
                pick(first, List.of("registrar whois server")), pick(first, List.of("refer", "whois")));
    }

    boolean empty() {
        return created.isEmpty() && expires.isEmpty() && registrar.isEmpty();
    }

    static boolean saysNotFound(String text) {
        return NOT_FOUND.matcher(text).find();
    }

    /** Fields this answer lacks, taken from {@code other}. */
    WhoisAnswer orElse(WhoisAnswer other) {
        return new WhoisAnswer(created.isEmpty() ? other.created : created,
                expires.isEmpty() ? other.expires : expires, registrar.isEmpty() ? other.registrar : registrar,
                registrarServer, refer);
    }

    /** The registrar's WHOIS host, when the answer names a plausible one. */
    Optional<String> registrarHost() {
        return host(registrarServer);
    }

    /** The WHOIS host IANA refers to for a TLD. */
    Optional<String> referHost() {
        return host(refer);
    }

    /** A host name from a field that some registries fill with a URL. */
    private static Optional<String> host(String value) {
        String host = value.replaceFirst("(?i)^(whois|https?)://", "").replaceFirst("[/:].*$", "").strip();
        return host.matches("[A-Za-z0-9.-]+\\.[A-Za-z]{2,}") ? Optional.of(host.toLowerCase(Locale.ROOT))
                : Optional.empty();
    }

    private static String pick(Map<String, String> fields, List<String> keys) {
        for (String k : keys) {
            String v = fields.get(k);
            if (v != null) return v;
        }
        return "";
    }
}
