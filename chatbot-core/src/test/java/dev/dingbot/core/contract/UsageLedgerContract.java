package dev.dingbot.core.contract;

import dev.dingbot.core.model.Usage;
import dev.dingbot.core.model.UsageTotal;
import dev.dingbot.core.port.UsageLedger;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link UsageLedger} promises. Subclasses give a fresh, empty ledger per test. */
public abstract class UsageLedgerContract {

    protected static final LocalDate DAY = LocalDate.of(2026, 1, 10);

    protected abstract UsageLedger ledger();

    @Test
    void totals_add_up_per_model_over_an_inclusive_day_range() {
        ledger().record(DAY.minusDays(1), new Usage("gpt-4o", 1000, 1000)); // before the range
        ledger().record(DAY, new Usage("gpt-4o", 10, 20));
        ledger().record(DAY, new Usage("gpt-4o-mini", 1, 2));
        ledger().record(DAY.plusDays(1), new Usage("gpt-4o", 100, 200));
        ledger().record(DAY.plusDays(2), new Usage("gpt-4o", 5, 5));
        ledger().record(DAY.plusDays(3), new Usage("gpt-4o", 7000, 7000)); // after the range

        assertThat(ledger().totals(DAY, DAY.plusDays(2))).containsExactlyInAnyOrder(
                new UsageTotal("gpt-4o", 115, 225), new UsageTotal("gpt-4o-mini", 1, 2));
    }

    @Test
    void totals_are_kept_apart_per_provider_of_one_model() {
        ledger().record(DAY, new Usage("gpt-4o", 10, 20, "openai"));
        ledger().record(DAY, new Usage("gpt-4o", 1, 2, "azure"));
        ledger().record(DAY.plusDays(1), new Usage("gpt-4o", 5, 5, "openai"));
        ledger().record(DAY, new Usage("gpt-4o", 3, 3));

        assertThat(ledger().totals(DAY, DAY.plusDays(1))).containsExactlyInAnyOrder(
                new UsageTotal("gpt-4o", 15, 25, "openai"), new UsageTotal("gpt-4o", 1, 2, "azure"),
                new UsageTotal("gpt-4o", 3, 3));
    }

    @Test
    void a_single_day_range_and_an_empty_range() {
        ledger().record(DAY, new Usage("m", 3, 4));
        ledger().record(DAY, new Usage("m", 1, 1));

        assertThat(ledger().totals(DAY, DAY)).containsExactly(new UsageTotal("m", 4, 5));
        assertThat(ledger().totals(DAY.plusDays(1), DAY.plusDays(9))).isEmpty();
    }

    @Test
    void a_range_that_ends_before_it_starts_is_empty_not_an_error() {
        ledger().record(DAY, new Usage("m", 3, 4));

        assertThat(ledger().totals(DAY.plusDays(1), DAY)).isEmpty();
    }
}
