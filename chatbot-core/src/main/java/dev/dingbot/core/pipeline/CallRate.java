package dev.dingbot.core.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code perMinute} model calls per sender in any sliding minute (0 = no limit). A sender over the rate is
 * told so once a minute; the other refusals of a flood go unanswered.
 */
final class CallRate {

    static final Duration MINUTE = Duration.ofMinutes(1);

    enum Verdict {
        GO,
        /** Over the rate, and not yet told in this minute. */
        TOO_FAST,
        /** Over the rate and already told. */
        TOO_FAST_TOLD
    }

    private final int perMinute;
    private final Clock clock;
    private final Map<String, ArrayDeque<Instant>> calls = new ConcurrentHashMap<>();
    private final NoticeWindow<String> notices;

    CallRate(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
        this.notices = new NoticeWindow<>(MINUTE, clock);
    }

    /** Counts a call of {@code sender} when the rate allows it. */
    Verdict take(String sender) {
        if (perMinute == 0) return Verdict.GO;
        Instant now = clock.instant();
        boolean[] allowed = {false};
        calls.compute(sender, (k, times) -> {
            ArrayDeque<Instant> recent = times == null ? new ArrayDeque<>() : times;
            dropBefore(recent, now.minus(MINUTE));
            if (recent.size() < perMinute) {
                recent.addLast(now);
                allowed[0] = true;
            }
            return recent;
        });
        if (allowed[0]) return Verdict.GO;
        return notices.tellNow(sender) ? Verdict.TOO_FAST : Verdict.TOO_FAST_TOLD;
    }

    /** Forgets senders without a call in the last minute. */
    int purgeIdle() {
        Instant expired = clock.instant().minus(MINUTE);
        int before = calls.size();
        calls.keySet().forEach(sender -> calls.computeIfPresent(sender, (k, times) -> {
            dropBefore(times, expired);
            return times.isEmpty() ? null : times;
        }));
        notices.purge();
        return before - calls.size();
    }

    private static void dropBefore(ArrayDeque<Instant> times, Instant cutoff) {
        while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) times.pollFirst();
    }
}
