package dev.dingbot.core.pipeline;

import dev.dingbot.core.model.Balance;
import dev.dingbot.core.model.UsageTotal;
import dev.dingbot.core.port.BalanceSource;
import dev.dingbot.core.port.UsageLedger;
import dev.dingbot.core.settings.ModelPrice;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The 余额 reply: what the provider can tell about money left, beside the tokens recorded here today and this
 * month per provider (where a chain has several) and model, with their cost where the model has a price.
 */
final class BalanceReport {

    private final BalanceSource balance;
    private final UsageLedger usage;
    private final Map<String, ModelPrice> prices;

    BalanceReport(BalanceSource balance, UsageLedger usage, Map<String, ModelPrice> prices) {
        this.balance = balance;
        this.usage = usage;
        this.prices = prices;
    }

    String render(LocalDate today) {
        StringBuilder text = new StringBuilder(describe(balance.balance()));
        appendUsage(text, "📊 今日用量", usage.totals(today, today));
        appendUsage(text, "📊 本月用量", usage.totals(today.withDayOfMonth(1), today));
        return text.toString();
    }

    private static String describe(Balance b) {
        if (b instanceof Balance.Known known) {
            StringBuilder s = new StringBuilder();
            for (Balance.Amount a : known.amounts()) {
                if (s.length() > 0) s.append('\n');
                s.append("💵 余额: ").append(a.total().toPlainString()).append(' ').append(a.currency());
            }
            return s.length() == 0 ? "💵 余额: 未知" : s.toString();
        }
        if (b instanceof Balance.Unsupported unsupported) return "💵 余额: " + unsupported.reason();
        return "💵 余额查询失败: " + ((Balance.Failed) b).message();
    }

    private void appendUsage(StringBuilder text, String title, List<UsageTotal> totals) {
        text.append("\n\n").append(title).append(':');
        if (totals.isEmpty()) {
            text.append(" 无");
            return;
        }
        for (UsageTotal t : totals) {
            String who = t.provider().isEmpty() ? t.model() : t.provider() + " / " + t.model();
            text.append("\n- ").append(who).append(": ").append(t.totalTokens()).append(" tokens（输入 ")
                    .append(t.promptTokens()).append(" / 输出 ").append(t.completionTokens()).append('）');
            ModelPrice price = prices.get(t.model());
            if (price != null) {
                BigDecimal cost = price.cost(t.promptTokens(), t.completionTokens());
                text.append("，约 ").append(rounded(cost)).append(' ').append(price.currency());
            }
        }
    }

    /** Cents from one up; below that two significant digits, so a small day's cost never shows as 0. */
    private static String rounded(BigDecimal cost) {
        BigDecimal shown = cost.compareTo(BigDecimal.ONE) >= 0 ? cost.setScale(2, RoundingMode.HALF_UP)
                : cost.round(new MathContext(2, RoundingMode.HALF_UP));
        return shown.stripTrailingZeros().toPlainString();
    }
}
