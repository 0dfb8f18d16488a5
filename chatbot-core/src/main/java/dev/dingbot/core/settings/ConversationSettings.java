package dev.dingbot.core.settings;

import dev.dingbot.core.model.Mode;

import java.time.Duration;
import java.util.Objects;

/**
 * How questions are put to the model.
 *
 * @param defaultModeLabel  the configured {@code default_mode} text, echoed in replies as the original did
 * @param sessionTimeout    sliding idle time after which mode and context are forgotten; zero means never
 * @param maxQuestionTokens {@code max_question_len}
 * @param maxAnswerTokens   {@code max_answer_len}, sent as the answer limit
 * @param maxContextTokens  {@code max_text}: prompt plus answer must fit in it
 * @param systemPrompt      sent first when not blank
 */
public record ConversationSettings(Mode defaultMode, String defaultModeLabel, Duration sessionTimeout,
                                   int maxQuestionTokens, int maxAnswerTokens, int maxContextTokens,
                                   String systemPrompt) {

    public ConversationSettings {
        Objects.requireNonNull(defaultMode, "defaultMode");
        defaultModeLabel = Objects.requireNonNullElse(defaultModeLabel, defaultMode.command());
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        if (sessionTimeout.isNegative()) throw new IllegalArgumentException("sessionTimeout must not be negative");
        systemPrompt = Objects.requireNonNullElse(systemPrompt, "");
    }

    /**
     * A question longer than this in characters is over {@code maxQuestionTokens} for any tokenizer of real text
     * (a token rarely spans more than four characters), so it is refused without being tokenized.
     */
    public long maxQuestionChars() {
        return 8L * maxQuestionTokens;
    }

    /** The prompt's share of {@code maxContextTokens}: what is left once the answer's share is set aside. */
    public int promptBudget() {
        return maxContextTokens - Math.min(maxAnswerTokens, maxContextTokens / 2);
    }

    public static ConversationSettings defaults() {
        return new ConversationSettings(Mode.SINGLE, Mode.SINGLE.command(), Duration.ofMinutes(10),
                4096, 4096, 4096, "");
    }
}
