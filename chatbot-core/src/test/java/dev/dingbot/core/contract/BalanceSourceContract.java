package dev.dingbot.core.contract;

import dev.dingbot.core.model.Balance;
import dev.dingbot.core.port.BalanceSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link BalanceSource} promises. Subclasses give a source whose provider reports a balance, and one
 * whose provider fails when asked.
 */
public abstract class BalanceSourceContract {

    protected abstract BalanceSource reporting();

    protected abstract BalanceSource failing();

    @Test
    void a_reported_balance_is_known_with_a_currency_and_a_non_negative_amount() {
        Balance balance = reporting().balance();
        assertThat(balance).isInstanceOfSatisfying(Balance.Known.class, known -> {
            assertThat(known.amounts()).isNotEmpty();
            assertThat(known.amounts()).allSatisfy(amount -> {
                assertThat(amount.currency()).isNotBlank();
                assertThat(amount.total()).isGreaterThanOrEqualTo(BigDecimal.ZERO);
            });
        });
    }

    @Test
    void a_failing_provider_gives_a_failed_value_with_a_message_fit_to_show_not_an_exception() {
        Balance balance = failing().balance();
        assertThat(balance).isInstanceOfSatisfying(Balance.Failed.class, failed ->
                assertThat(failed.message()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat "));
    }
}
