package dev.dingbot.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.text.Redaction;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code providers}: the model providers in fallback order, each {@code name}, {@code kind} (openai, azure,
 * anthropic), {@code base_url}, {@code api_key} or {@code api_keys} (secrets: never echoed, masked wherever config is
 * printed) and {@code models} (the first is the provider's default); an Azure entry names its resource, deployment
 * and API version as the {@code azure_*} keys do.
 */
final class ProvidersConfig {

    /** What a provider entry may hold; anything else is reported as a likely typo. */
    static final Set<String> FIELDS = Set.of("name", "kind", "base_url", "api_key", "api_keys", "models",
            "resource_name", "deployment_name", "api_version");
    private static final String FIX = "must be a list of providers, each {name, kind, base_url, api_key or api_keys,"
            + " models}";

    private ProvidersConfig() {
    }

    /** The original's default model, or with {@code providers} the first provider's first model, unless one is set. */
    static String defaultModel(ConfigReader r, ConfigKey<String> key) {
        JsonNode providers = r.fileNode("providers");
        JsonNode first = providers == null ? null : providers.path(0).path("models").path(0);
        String fallback = first != null && first.isTextual() && !first.asText().isBlank() ? first.asText().trim() : "gpt-3.5-turbo";
        return r.text(key, fallback).trim();
    }

    static List<AppConfig.Provider> providers(ConfigReader r, ConfigKey<List<AppConfig.Provider>> key) {
        JsonNode node = r.fileNode(key.path());
        if (node == null || node.isNull() || node.isMissingNode()) return List.of();
        if (!node.isArray()) {
            r.problem(key.path(), "", FIX);
            return List.of();
        }
        List<AppConfig.Provider> providers = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String label = key.path() + "[" + i + "]";
            JsonNode entry = node.get(i);
            if (!entry.isObject()) {
                r.problem(label, "", FIX);
                continue;
            }
            provider(label, entry, r).ifPresent(p -> {
                if (providers.stream().anyMatch(other -> other.name().equals(p.name()))) {
                    r.problem(label + ".name", p.name(), "another provider has this name: give each its own");
                } else {
                    providers.add(p);
                }
            });
        }
        return providers;
    }

    private static Optional<AppConfig.Provider> provider(String label, JsonNode node, ConfigReader r) {
        int before = r.problems().size();
        node.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                r.problem(label + "." + field, "", "not a provider field: a provider has " + ConfigKey.bracketed(
                        FIELDS.stream().sorted().toList()));
            }
        });
        String name = text(node, "name");
        if (name.isEmpty()) r.problem(label + ".name", "", "give the provider a name, e.g. \"main\"");
        String kindText = text(node, "kind").toLowerCase(Locale.ROOT);
        ModelConfig.Kind kind = switch (kindText) {
            case "openai", "" -> ModelConfig.Kind.OPENAI;
            case "azure" -> ModelConfig.Kind.AZURE;
            case "anthropic" -> ModelConfig.Kind.ANTHROPIC;
            default -> {
                r.problem(label + ".kind", kindText, "must be openai, azure or anthropic");
                yield ModelConfig.Kind.OPENAI;
            }
        };
        List<Secret> keys = keys(label, node, r);
        List<String> models = ToolsConfig.strings(node.get("models"), label + ".models", r).stream()
                .map(String::trim).toList();
        if (models.stream().anyMatch(String::isEmpty)) r.problem(label + ".models", "", "a model name must not be empty");
        if (models.isEmpty() && kind != ModelConfig.Kind.AZURE) {
            r.problem(label + ".models", "", "list the provider's models, e.g. [\"gpt-4o-mini\"]; the first is its default");
        }
        String baseUrl = text(node, "base_url");
        if (!baseUrl.isEmpty() && !baseUrl.matches("(?i)https?://[^/\\s]+.*")) {
            r.problem(label + ".base_url", Redaction.userInfo(baseUrl), "must be an http or https URL");
        }
        ModelConfig.AzureTarget azure = new ModelConfig.AzureTarget(text(node, "resource_name"),
                text(node, "deployment_name"), text(node, "api_version"));
        if (kind == ModelConfig.Kind.AZURE) {
            for (Map.Entry<String, String> required : Map.of("resource_name", azure.resourceName(),
                    "deployment_name", azure.deploymentName(), "api_version", azure.apiVersion()).entrySet()) {
                if (required.getValue().isEmpty()) {
                    r.problem(label + "." + required.getKey(), "", "required for an azure provider, as azure_"
                            + required.getKey() + " is without providers");
                }
            }
            if (models.isEmpty()) models = List.of(azure.deploymentName());
            else if (models.size() > 1 || !models.get(0).equals(azure.deploymentName())) {
                r.problem(label + ".models", String.join(",", models), "an azure provider serves its deployment: "
                        + "leave models out, or list only the deployment_name");
            }
        }
        if (r.problems().size() > before) return Optional.empty();
        return Optional.of(new AppConfig.Provider(name, kind, baseUrl, keys, models, azure));
    }

    private static List<Secret> keys(String label, JsonNode node, ConfigReader r) {
        Set<String> keys = new LinkedHashSet<>();
        JsonNode one = node.get("api_key");
        if (one != null && one.isValueNode() && !one.asText().isBlank()) keys.add(one.asText().trim());
        JsonNode many = node.get("api_keys");
        if (many != null && !many.isNull()) {
            if (!many.isArray()) {
                r.problem(label + ".api_keys", "(not shown: it holds secrets)", "must be a list of keys, e.g. [\"sk-…\", \"sk-…\"]");
            } else {
                for (JsonNode key : many) {
                    if (key.isValueNode() && !key.asText().isBlank()) keys.add(key.asText().trim());
                    else r.problem(label + ".api_keys", "(not shown: it holds secrets)", "every key must be a non-empty text");
                }
            }
        }
        if (keys.isEmpty()) r.problem(label + ".api_key", "", "set api_key, or api_keys for several keys");
        return keys.stream().map(Secret::of).toList();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isValueNode() || value.isNull() ? "" : value.asText().trim();
    }

    /** For {@code check}: each provider's name, kind, address, how many keys and its models; never a key. */
    static String describe(List<AppConfig.Provider> providers) {
        if (providers.isEmpty()) return "[] (the model keys above are the one provider)";
        return providers.stream().map(p -> p.name() + ": " + p.kind().name().toLowerCase(Locale.ROOT)
                        + (p.baseUrl().isEmpty() ? "" : " " + Redaction.userInfo(p.baseUrl()))
                        + ", " + p.apiKeys().size() + (p.apiKeys().size() == 1 ? " key" : " keys") + " (***), models "
                        + String.join(",", p.models()))
                .collect(Collectors.joining("; ", "[", "]"));
    }
}
