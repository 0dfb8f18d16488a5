package dev.dingbot.core.settings;

import java.time.ZoneId;
import java.util.Objects;

/**
 * How much one user may ask of the models: {@code max_request} a day (0 = unlimited), counted in days of
 * {@code zone}, and at most {@code modelCallsPerMinute} in any minute (0 = unlimited), so a flood of questions
 * from one user reaches the model a few times, not once per message.
 */
public record QuotaSettings(int maxRequestsPerDay, ZoneId zone, int modelCallsPerMinute) {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    public QuotaSettings {
        if (maxRequestsPerDay < 0) throw new IllegalArgumentException("maxRequestsPerDay must be >= 0");
        Objects.requireNonNull(zone, "zone");
        if (modelCallsPerMinute < 0) throw new IllegalArgumentException("modelCallsPerMinute must be >= 0");
    }

    /** A daily limit only, no limit per minute. */
    public QuotaSettings(int maxRequestsPerDay, ZoneId zone) {
        this(maxRequestsPerDay, zone, 0);
    }

    public boolean limited() {
        return maxRequestsPerDay > 0;
    }
}
