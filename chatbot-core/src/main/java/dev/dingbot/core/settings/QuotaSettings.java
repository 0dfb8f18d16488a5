package dev.dingbot.core.settings;

import java.time.ZoneId;
import java.util.Objects;

/** The daily request limit per user ({@code max_request}, 0 = unlimited), counted in days of {@code zone}. */
public record QuotaSettings(int maxRequestsPerDay, ZoneId zone) {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    public QuotaSettings {
        if (maxRequestsPerDay < 0) throw new IllegalArgumentException("maxRequestsPerDay must be >= 0");
        Objects.requireNonNull(zone, "zone");
    }

    public boolean limited() {
        return maxRequestsPerDay > 0;
    }
}
