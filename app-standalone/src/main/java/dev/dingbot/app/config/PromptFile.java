package dev.dingbot.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.dingbot.core.settings.PromptTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code prompt.yml}: a YAML list of {title, prefix, suffix}. Every defect is a problem, never a crash.
 * Without a prompt file the templates shipped in the jar are used (the original's image had them built in, so
 * its users carry only a config.yml); only a {@code prompt_file} named in the config must exist.
 */
final class PromptFile {

    /** The same file {@code dingbot init} writes. */
    static final String BUILT_IN = "/dev/dingbot/app/starter/prompt.yml";

    /** Templates and where they came from, for the start-up line. */
    record Prompts(List<PromptTemplate> templates, String source) { }

    private PromptFile() {
    }

    static Prompts load(Path file, boolean named, ConfigReader reader) {
        String key = Keys.PROMPT_FILE.path();
        if (!Files.exists(file)) {
            if (!named) return builtIn(file, reader);
            reader.problem(key, file.toString(), "prompt file not found: run `dingbot init` to write the "
                    + "default prompt.yml, or remove prompt_file to use the built-in templates");
            return new Prompts(List.of(), "");
        }
        return YamlFile.read(file, key, "remove it, then put a prompt.yml in its place or go without one to use "
                        + "the built-in templates", reader.problems())
                .map(document -> new Prompts(parse(document.root(), file.toString(), reader), "from " + file))
                .orElse(new Prompts(List.of(), ""));
    }

    private static Prompts builtIn(Path missing, ConfigReader reader) {
        try (InputStream in = PromptFile.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) throw new IOException("the built-in prompt.yml is missing from this build");
            List<PromptTemplate> templates = parse(new YAMLMapper().readTree(in), "built-in prompt.yml", reader);
            return new Prompts(templates, "built in (there is no " + missing + ")");
        } catch (IOException e) {
            reader.problem(Keys.PROMPT_FILE.path(), missing.toString(), "not found, and " + e.getMessage());
            return new Prompts(List.of(), "");
        }
    }

    private static List<PromptTemplate> parse(JsonNode root, String file, ConfigReader reader) {
        String key = Keys.PROMPT_FILE.path();
        if (root == null || root.isMissingNode() || root.isNull() || (root.isArray() && root.isEmpty())) {
            reader.problem(key, file, "is empty: it must list at least one {title, prefix, suffix}");
            return List.of();
        }
        if (!root.isArray()) {
            reader.problem(key, file, "must be a YAML list of {title, prefix, suffix}");
            return List.of();
        }
        List<PromptTemplate> out = new ArrayList<>();
        int i = 0;
        for (JsonNode item : root) {
            i++;
            String title = item.path("title").asText("").trim();
            if (!item.isObject() || title.isEmpty()) {
                reader.problem(key, file + " item " + i, "every template needs a title");
                continue;
            }
            out.add(new PromptTemplate(title, item.path("prefix").asText(""), item.path("suffix").asText("")));
        }
        return out;
    }
}
