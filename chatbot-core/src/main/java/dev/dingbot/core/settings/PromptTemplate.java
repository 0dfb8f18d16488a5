package dev.dingbot.core.settings;

import java.util.Objects;

/** A prompt template of {@code prompt.yml}: a message starting with {@code title} is wrapped in prefix and suffix. */
public record PromptTemplate(String title, String prefix, String suffix) {

    public PromptTemplate {
        Objects.requireNonNull(title, "title");
        if (title.isBlank()) throw new IllegalArgumentException("a template needs a title");
        prefix = Objects.requireNonNullElse(prefix, "");
        suffix = Objects.requireNonNullElse(suffix, "");
    }
}
