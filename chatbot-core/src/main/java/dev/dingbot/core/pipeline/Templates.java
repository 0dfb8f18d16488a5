package dev.dingbot.core.pipeline;

import dev.dingbot.core.settings.PromptTemplate;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Prompt templates (spec §3.2), fixed: titles match ignoring ASCII case, and only the leading title is removed
 * on expansion.
 */
final class Templates {

    /** What a message became after the template step. */
    sealed interface Match {
        /** The message was just a title: describe the template. */
        record Description(String text) implements Match { }

        /** The message started with a title: the question to ask instead. */
        record Expanded(String question) implements Match { }
    }

    private final List<PromptTemplate> templates;

    Templates(List<PromptTemplate> templates) {
        this.templates = templates;
    }

    Optional<Match> match(String message) {
        for (PromptTemplate t : templates) {
            if (!startsWithIgnoringAsciiCase(message, t.title())) continue;
            String rest = message.substring(t.title().length()).trim();
            if (rest.isEmpty()) {
                return Optional.of(new Match.Description(ReplyTexts.templateDescription(t.title(), t.prefix(), t.suffix())));
            }
            return Optional.of(new Match.Expanded(t.prefix() + rest + t.suffix()));
        }
        return Optional.empty();
    }

    /** The titles as the 模板 command lists them: each followed by " | ". */
    String titleList() {
        StringBuilder titles = new StringBuilder();
        for (PromptTemplate t : templates) titles.append(t.title()).append(" | ");
        return titles.toString();
    }

    private static boolean startsWithIgnoringAsciiCase(String text, String prefix) {
        return text.length() >= prefix.length()
                && text.substring(0, prefix.length()).toLowerCase(Locale.ROOT).equals(prefix.toLowerCase(Locale.ROOT));
    }
}
