package dev.dingbot.app.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** Writes config files into a test directory beside the shipped prompt.yml. */
final class ConfigFixtures {

    private ConfigFixtures() {
    }

    /** Copies the prompt.yml that ships in the jar into {@code dir}. */
    static void shippedPrompts(Path dir) {
        try (InputStream in = ConfigFixtures.class.getResourceAsStream("/dev/dingbot/app/starter/prompt.yml")) {
            if (in == null) throw new IllegalStateException("prompt.yml is not on the classpath");
            Files.copy(in, dir.resolve("prompt.yml"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String yaml) {
        shippedPrompts(dir);
        try {
            return Files.writeString(dir.resolve("config.yml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resource(Path dir, String name) {
        shippedPrompts(dir);
        try (InputStream in = ConfigFixtures.class.getResourceAsStream(name)) {
            Path target = dir.resolve("config.yml");
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loads as {@code chat} does, without what connecting to DingTalk needs: most tests are about other keys, and
     * the default run_mode (http, as in the original) would want a callback secret.
     */
    static AppConfig load(Path file, Map<String, String> env) throws ConfigException {
        return ConfigLoader.load(file, env, Map.of(), file.getParent(), ConfigLoader.Use.CONSOLE);
    }

    /** Loads as {@code run} and {@code check} do. */
    static AppConfig loadToConnect(Path file, Map<String, String> env) throws ConfigException {
        return ConfigLoader.load(file, env, Map.of(), file.getParent(), ConfigLoader.Use.CONNECT);
    }
}
