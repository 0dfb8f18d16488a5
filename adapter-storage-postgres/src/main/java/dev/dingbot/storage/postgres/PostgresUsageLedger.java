package dev.dingbot.storage.postgres;

import dev.dingbot.core.model.Usage;
import dev.dingbot.core.model.UsageTotal;
import dev.dingbot.core.port.UsageLedger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Tokens in {@code usage_totals}, one row per day, provider and model that every instance adds to in one statement. */
final class PostgresUsageLedger implements UsageLedger {

    private static final String RECORD = """
            INSERT INTO usage_totals (day, provider, model, prompt_tokens, completion_tokens) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (day, provider, model) DO UPDATE SET
                prompt_tokens = usage_totals.prompt_tokens + EXCLUDED.prompt_tokens,
                completion_tokens = usage_totals.completion_tokens + EXCLUDED.completion_tokens""";
    private static final String TOTALS = """
            SELECT provider, model, sum(prompt_tokens), sum(completion_tokens) FROM usage_totals
            WHERE day BETWEEN ? AND ? GROUP BY provider, model ORDER BY provider, model""";

    private final Jdbc jdbc;

    PostgresUsageLedger(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(LocalDate day, Usage usage) {
        jdbc.update("record token usage", RECORD, s -> {
            s.setObject(1, day);
            s.setString(2, usage.provider());
            s.setString(3, usage.model());
            s.setLong(4, usage.promptTokens());
            s.setLong(5, usage.completionTokens());
        });
    }

    @Override
    public List<UsageTotal> totals(LocalDate from, LocalDate to) {
        return jdbc.call("read token usage", connection -> {
            try (PreparedStatement s = connection.prepareStatement(TOTALS)) {
                s.setObject(1, from);
                s.setObject(2, to);
                List<UsageTotal> totals = new ArrayList<>();
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) totals.add(new UsageTotal(rows.getString(2), rows.getLong(3), rows.getLong(4),
                            rows.getString(1)));
                }
                return totals;
            }
        });
    }
}
