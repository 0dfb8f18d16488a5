package dev.dingbot.core.model;

import java.math.BigDecimal;
import java.util.List;

/** What a provider can tell about money left on the account. */
public sealed interface Balance {

    /** Amounts the provider reported, e.g. DeepSeek's CNY balance. */
    record Known(List<Amount> amounts) implements Balance {
        public Known {
            amounts = List.copyOf(amounts);
        }
    }

    /** The provider offers no balance for this kind of key; {@code reason} says so in plain words. */
    record Unsupported(String reason) implements Balance { }

    /** The provider was asked and the call failed. */
    record Failed(String message) implements Balance { }

    record Amount(String currency, BigDecimal total) { }
}
