package dev.dingbot.core.port;

import dev.dingbot.core.model.Usage;
import dev.dingbot.core.model.UsageTotal;

import java.time.LocalDate;
import java.util.List;

/** Tokens used per day, provider and model. */
public interface UsageLedger {

    void record(LocalDate day, Usage usage);

    /** Totals per provider and model over the days {@code from} to {@code to}, both included. */
    List<UsageTotal> totals(LocalDate from, LocalDate to);
}
