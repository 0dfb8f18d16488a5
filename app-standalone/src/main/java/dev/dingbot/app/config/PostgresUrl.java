package dev.dingbot.app.config;

import dev.dingbot.core.text.Redaction;
import dev.dingbot.storage.postgres.PostgresSettings;

/** {@code storage.postgres.url}: the two spellings PostgreSQL users write, shown without the password they may hold. */
final class PostgresUrl {

    static final String FIX = "must be jdbc:postgresql://host:5432/db or postgres://user:password@host:5432/db";

    private PostgresUrl() {
    }

    /** Without userinfo and without a {@code password=} parameter. */
    static String masked(String url) {
        return Redaction.userInfo(url).replaceAll("(?i)([?&]password=)[^&]*", "$1***");
    }

    /** Whether the storage adapter takes it, as it would at the start. */
    static boolean valid(String url) {
        try {
            PostgresSettings.builder(url).build();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
