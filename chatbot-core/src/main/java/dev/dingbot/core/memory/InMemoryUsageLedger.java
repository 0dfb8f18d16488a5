package dev.dingbot.core.memory;

import dev.dingbot.core.model.Usage;
import dev.dingbot.core.model.UsageTotal;
import dev.dingbot.core.port.UsageLedger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Usage per day, provider and model in a sorted map. */
public final class InMemoryUsageLedger implements UsageLedger {

    /** What usage is summed by within a day. */
    private record Key(String provider, String model) {
        static final Comparator<Key> ORDER = Comparator.comparing(Key::provider).thenComparing(Key::model);
    }

    private final TreeMap<LocalDate, Map<Key, long[]>> days = new TreeMap<>();

    @Override
    public synchronized void record(LocalDate day, Usage usage) {
        long[] sums = days.computeIfAbsent(day, d -> new TreeMap<>(Key.ORDER))
                .computeIfAbsent(new Key(usage.provider(), usage.model()), k -> new long[2]);
        sums[0] += usage.promptTokens();
        sums[1] += usage.completionTokens();
    }

    @Override
    public synchronized List<UsageTotal> totals(LocalDate from, LocalDate to) {
        if (from.isAfter(to)) return List.of();
        Map<Key, long[]> byModel = new TreeMap<>(Key.ORDER);
        for (Map<Key, long[]> day : days.subMap(from, true, to, true).values()) {
            day.forEach((key, sums) -> {
                long[] total = byModel.computeIfAbsent(key, k -> new long[2]);
                total[0] += sums[0];
                total[1] += sums[1];
            });
        }
        return totalsOf(byModel);
    }

    /** How many day, provider and model sums there are: the lines a compacted log holds. */
    public synchronized int size() {
        return days.values().stream().mapToInt(Map::size).sum();
    }

    /** Each day's totals per provider and model, oldest day first: what a store writes when it compacts its log. */
    public synchronized Map<LocalDate, List<UsageTotal>> byDay() {
        Map<LocalDate, List<UsageTotal>> result = new TreeMap<>();
        days.forEach((day, models) -> result.put(day, totalsOf(models)));
        return result;
    }

    private static List<UsageTotal> totalsOf(Map<Key, long[]> byModel) {
        List<UsageTotal> result = new ArrayList<>();
        byModel.forEach((key, sums) -> result.add(new UsageTotal(key.model(), sums[0], sums[1], key.provider())));
        return result;
    }
}
