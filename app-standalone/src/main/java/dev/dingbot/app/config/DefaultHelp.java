package dev.dingbot.app.config;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;

/**
 * The help text used when {@code help} is not configured: the one in the shipped config.example.yml, so an
 * env-only start still answers 帮助 with something useful. One text, kept in one place.
 */
final class DefaultHelp {

    private static final String EXAMPLE = "/dev/dingbot/app/starter/config.example.yml";

    private DefaultHelp() {
    }

    static String text() {
        return Holder.TEXT;
    }

    private static final class Holder {
        static final String TEXT = load();

        private static String load() {
            try (InputStream in = DefaultHelp.class.getResourceAsStream(EXAMPLE)) {
                return in == null ? "" : new YAMLMapper().readTree(in).path("help").asText("");
            } catch (IOException e) {
                return "";
            }
        }
    }
}
