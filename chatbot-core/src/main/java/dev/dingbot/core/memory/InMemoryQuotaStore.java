package dev.dingbot.core.memory;

import dev.dingbot.core.port.QuotaStore;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Daily counters in a map; a day's counters are dropped once a later day is counted. */
public final class InMemoryQuotaStore implements QuotaStore {

    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    @Override
    public boolean tryAcquire(String user, LocalDate day, int limit) {
        dropDaysBefore(day);
        boolean[] counted = {false};
        counts.compute(key(user, day), (k, n) -> {
            int used = n == null ? 0 : n;
            if (used >= limit) return n;
            counted[0] = true;
            return used + 1;
        });
        return counted[0];
    }

    @Override
    public void release(String user, LocalDate day) {
        counts.computeIfPresent(key(user, day), (k, n) -> n > 1 ? n - 1 : null);
    }

    @Override
    public int used(String user, LocalDate day) {
        return counts.getOrDefault(key(user, day), 0);
    }

    private void dropDaysBefore(LocalDate day) {
        String today = day + "/";
        counts.keySet().removeIf(k -> k.compareTo(today) < 0);
    }

    private static String key(String user, LocalDate day) {
        return day + "/" + user;
    }
}
