package dev.dingbot.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.dingbot.core.settings.PromptTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code prompt.yml}: a YAML list of {title, prefix, suffix}. Every defect is a problem, never a crash. */
final class PromptFile {

    private PromptFile() {
    }

    static List<PromptTemplate> load(Path file, ConfigReader reader) {
        String key = "prompt_file";
        if (!Files.isRegularFile(file)) {
            reader.problem(key, file.toString(), "prompt file not found: run `dingbot init` to write the "
                    + "default prompt.yml, or point prompt_file at yours");
            return List.of();
        }
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(file.toFile());
        } catch (IOException e) {
            reader.problem(key, file.toString(), "not readable YAML: " + YamlErrors.describe(e));
            return List.of();
        }
        if (root == null || root.isMissingNode() || root.isNull() || (root.isArray() && root.isEmpty())) {
            reader.problem(key, file.toString(), "is empty: it must list at least one {title, prefix, suffix}");
            return List.of();
        }
        if (!root.isArray()) {
            reader.problem(key, file.toString(), "must be a YAML list of {title, prefix, suffix}");
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
