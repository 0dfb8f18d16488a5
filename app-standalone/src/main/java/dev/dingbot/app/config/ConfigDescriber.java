package dev.dingbot.app.config;

import dev.dingbot.core.settings.PromptTemplate;

import java.util.stream.Collectors;

/**
 * The operator's view of the effective configuration: every key of {@link Keys} in their order, as it was read and
 * as the key shows it (secrets as {@code ***}, URLs without userinfo), then the prompt templates.
 */
final class ConfigDescriber {

    private ConfigDescriber() {
    }

    static String describe(AppConfig c) {
        StringBuilder sb = new StringBuilder();
        for (ConfigKey<?> key : Keys.ALL) {
            line(sb, key.path(), key.shown(c.values().get(key)));
        }
        line(sb, "templates", c.templates().stream().map(PromptTemplate::title)
                .collect(Collectors.joining(" ")) + " — " + c.templatesSource());
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(key).append(": ").append(value).append('\n');
    }
}
