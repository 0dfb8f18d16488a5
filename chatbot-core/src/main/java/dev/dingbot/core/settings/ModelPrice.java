package dev.dingbot.core.settings;

import java.math.BigDecimal;
import java.util.Objects;

/** What a model costs per million prompt and completion tokens, for the 余额 report. */
public record ModelPrice(BigDecimal promptPerMillion, BigDecimal completionPerMillion, String currency) {

    public ModelPrice {
        Objects.requireNonNull(promptPerMillion, "promptPerMillion");
        Objects.requireNonNull(completionPerMillion, "completionPerMillion");
        currency = Objects.requireNonNullElse(currency, "USD");
    }

    /** The exact cost; rounding is for whoever shows it. */
    public BigDecimal cost(long promptTokens, long completionTokens) {
        return promptPerMillion.multiply(BigDecimal.valueOf(promptTokens))
                .add(completionPerMillion.multiply(BigDecimal.valueOf(completionTokens)))
                .movePointLeft(6);
    }
}
