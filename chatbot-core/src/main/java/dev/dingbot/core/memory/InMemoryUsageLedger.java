package dev.dingbot.core.memory;

import dev.dingbot.core.model.Usage;
import dev.dingbot.core.model.UsageTotal;
import dev.dingbot.core.port.UsageLedger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Usage per day and model in a sorted map. */
public final class InMemoryUsageLedger implements UsageLedger {

    private final TreeMap<LocalDate, Map<String, long[]>> days = new TreeMap<>();

    @Override
    public synchronized void record(LocalDate day, Usage usage) {
        long[] sums = days.computeIfAbsent(day, d -> new TreeMap<>()).computeIfAbsent(usage.model(), m -> new long[2]);
        sums[0] += usage.promptTokens();
        sums[1] += usage.completionTokens();
    }

    @Override
    public synchronized List<UsageTotal> totals(LocalDate from, LocalDate to) {
        if (from.isAfter(to)) return List.of();
        Map<String, long[]> byModel = new TreeMap<>();
        for (Map<String, long[]> day : days.subMap(from, true, to, true).values()) {
            day.forEach((model, sums) -> {
                long[] total = byModel.computeIfAbsent(model, m -> new long[2]);
                total[0] += sums[0];
                total[1] += sums[1];
            });
        }
        return totalsOf(byModel);
    }

    /** How many day-and-model sums there are: the lines a compacted log holds. */
    public synchronized int size() {
        return days.values().stream().mapToInt(Map::size).sum();
    }

    /** Each day's totals per model, oldest day first: what a store writes when it compacts its log. */
    public synchronized Map<LocalDate, List<UsageTotal>> byDay() {
        Map<LocalDate, List<UsageTotal>> result = new TreeMap<>();
        days.forEach((day, models) -> result.put(day, totalsOf(models)));
        return result;
    }

    private static List<UsageTotal> totalsOf(Map<String, long[]> byModel) {
        List<UsageTotal> result = new ArrayList<>();
        byModel.forEach((model, sums) -> result.add(new UsageTotal(model, sums[0], sums[1])));
        return result;
    }
}
