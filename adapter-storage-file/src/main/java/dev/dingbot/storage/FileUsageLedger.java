package dev.dingbot.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.model.Usage;
import dev.dingbot.core.model.UsageTotal;
import dev.dingbot.core.port.UsageLedger;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Token sums per day and model in memory; each call appends its delta to {@code usage.jsonl}, and compaction
 * leaves one line per day and model.
 */
final class FileUsageLedger implements UsageLedger, Closeable {

    private final TreeMap<LocalDate, Map<String, long[]>> days = new TreeMap<>(); // guarded by itself
    private final Journal journal;

    FileUsageLedger(Path file, StorageSettings settings, Upkeep upkeep) throws IOException {
        this.journal = Journal.open(file, Durability.ofRecords(settings.fsync()), upkeep, line -> apply(ModelJson.parse(line)));
    }

    @Override
    public void record(LocalDate day, Usage usage) {
        journal.append(() -> add(day, usage.model(), usage.promptTokens(), usage.completionTokens()),
                ignored -> line(day, usage.model(), usage.promptTokens(), usage.completionTokens()));
        journal.compactWhenMostlyDead(this::liveLines, this::snapshot);
    }

    @Override
    public List<UsageTotal> totals(LocalDate from, LocalDate to) {
        Map<String, long[]> byModel = new TreeMap<>();
        synchronized (days) {
            if (from.isAfter(to)) return List.of();
            for (Map<String, long[]> day : days.subMap(from, true, to, true).values()) {
                day.forEach((model, sums) -> {
                    long[] total = byModel.computeIfAbsent(model, m -> new long[2]);
                    total[0] += sums[0];
                    total[1] += sums[1];
                });
            }
        }
        List<UsageTotal> result = new ArrayList<>();
        byModel.forEach((model, sums) -> result.add(new UsageTotal(model, sums[0], sums[1])));
        return result;
    }

    /** The background force: see {@link Durability#BACKGROUND}. */
    void forceWritten() {
        journal.forceWritten();
    }

    @Override
    public void close() throws IOException {
        journal.close();
    }

    private Void add(LocalDate day, String model, long prompt, long completion) {
        synchronized (days) {
            long[] sums = days.computeIfAbsent(day, d -> new TreeMap<>()).computeIfAbsent(model, m -> new long[2]);
            sums[0] += prompt;
            sums[1] += completion;
        }
        return null;
    }

    private void apply(JsonNode record) {
        add(LocalDate.parse(ModelJson.text(record, "day")), ModelJson.text(record, "model"),
                ModelJson.number(record, "prompt"), ModelJson.number(record, "completion"));
    }

    private static String line(LocalDate day, String model, long prompt, long completion) {
        return ModelJson.line(ModelJson.object().put("day", day.toString()).put("model", model)
                .put("prompt", prompt).put("completion", completion));
    }

    private int liveLines() {
        synchronized (days) {
            return days.values().stream().mapToInt(Map::size).sum();
        }
    }

    private List<String> snapshot() {
        List<String> lines = new ArrayList<>();
        synchronized (days) {
            days.forEach((day, models) -> models.forEach((model, sums) -> lines.add(line(day, model, sums[0], sums[1]))));
        }
        return lines;
    }
}
