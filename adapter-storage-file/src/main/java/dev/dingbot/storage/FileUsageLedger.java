package dev.dingbot.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.memory.InMemoryUsageLedger;
import dev.dingbot.core.model.Usage;
import dev.dingbot.core.model.UsageTotal;
import dev.dingbot.core.port.UsageLedger;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Token sums per day, provider and model, kept by an {@link InMemoryUsageLedger}; each call appends its delta to
 * {@code usage.jsonl}, and compaction leaves one line per day, provider and model.
 */
final class FileUsageLedger implements UsageLedger, Closeable {

    private final InMemoryUsageLedger sums = new InMemoryUsageLedger();
    private final Journal journal;

    FileUsageLedger(Path file, StorageSettings settings, Upkeep upkeep) throws IOException {
        this.journal = Journal.open(file, Durability.ofRecords(settings.fsync()), upkeep, line -> apply(ModelJson.parse(line)));
    }

    @Override
    public void record(LocalDate day, Usage usage) {
        journal.append(() -> {
            sums.record(day, usage);
            return usage;
        }, recorded -> line(day, new UsageTotal(recorded.model(), recorded.promptTokens(), recorded.completionTokens(),
                recorded.provider())));
        journal.compactWhenMostlyDead(sums::size, this::snapshot);
    }

    @Override
    public List<UsageTotal> totals(LocalDate from, LocalDate to) {
        return sums.totals(from, to);
    }

    /** The background force: see {@link Durability#BACKGROUND}. */
    void forceWritten() {
        journal.forceWritten();
    }

    @Override
    public void close() throws IOException {
        journal.close();
    }

    private void apply(JsonNode record) {
        sums.record(LocalDate.parse(ModelJson.text(record, "day")), new Usage(ModelJson.text(record, "model"),
                ModelJson.number(record, "prompt"), ModelJson.number(record, "completion"),
                record.path("provider").asText(""))); // no provider in lines written before chains of providers
    }

    private static String line(LocalDate day, UsageTotal sums) {
        var out = ModelJson.object().put("day", day.toString());
        if (!sums.provider().isEmpty()) out.put("provider", sums.provider());
        return ModelJson.line(out.put("model", sums.model()).put("prompt", sums.promptTokens())
                .put("completion", sums.completionTokens()));
    }

    private List<String> snapshot() {
        List<String> lines = new ArrayList<>();
        sums.byDay().forEach((day, totals) -> totals.forEach(t -> lines.add(line(day, t))));
        return lines;
    }
}
