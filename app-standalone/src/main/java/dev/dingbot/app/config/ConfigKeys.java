package dev.dingbot.app.config;

import dev.dingbot.app.Spelling;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every key the configuration knows, with the env var that overrides it. The keys and env names of the original
 * are kept unchanged; grouped keys ({@code storage.data_dir}) take their env name from the key
 * ({@code STORAGE_DATA_DIR}).
 */
final class ConfigKeys {

    /** Keys read from the file as a structure, never from env: {@code prices}. */
    static final Set<String> STRUCTURED = Set.of("prices");

    /** Groups of new keys; their children are checked for typos too. */
    static final Set<String> GROUPS = Set.of("dingtalk", "storage", "server", "quota", "openai", "ops", "lanes",
            "reply");

    private static final Map<String, String> ENV = new LinkedHashMap<>();

    static {
        // The original's keys (spec §2.2), env names unchanged.
        env("log_level", "LOG_LEVEL");
        env("api_key", "APIKEY");
        env("run_mode", "RUN_MODE");
        env("base_url", "BASE_URL");
        env("model", "MODEL");
        env("image_model", "IMAGE_MODEL");
        env("session_timeout", "SESSION_TIMEOUT");
        env("max_question_len", "MAX_QUESTION_LEN");
        env("max_answer_len", "MAX_ANSWER_LEN");
        env("max_text", "MAX_TEXT");
        env("default_mode", "DEFAULT_MODE");
        env("http_proxy", "HTTP_PROXY");
        env("max_request", "MAX_REQUEST");
        env("port", "PORT");
        env("service_url", "SERVICE_URL");
        env("chat_type", "CHAT_TYPE");
        env("allow_groups", "ALLOW_GROUPS");
        env("allow_outgoing_groups", "ALLOW_OUTGOING_GROUPS");
        env("allow_users", "ALLOW_USERS");
        env("deny_users", "DENY_USERS");
        env("vip_users", "VIP_USERS");
        env("admin_users", "ADMIN_USERS");
        env("app_secrets", "APP_SECRETS");
        env("sensitive_words", "SENSITIVE_WORDS");
        env("help", "HELP");
        env("azure_on", "AZURE_ON");
        env("azure_api_version", "AZURE_API_VERSION");
        env("azure_resource_name", "AZURE_RESOURCE_NAME");
        env("azure_deployment_name", "AZURE_DEPLOYMENT_NAME");
        env("azure_openai_token", "AZURE_OPENAI_TOKEN");
        env("credentials", "DINGTALK_CREDENTIALS");
        env("stream_mode", "STREAM_MODE");
        env("card_template_id", "CARD_TEMPLATE_ID");
        env("server.port", "PORT"); // replaces `port`, same env var
        // New keys.
        env("no_proxy", "NO_PROXY"); // the name curl and most tools read beside HTTP_PROXY
        for (String key : new String[] {"system_prompt", "image_size", "shutdown_grace", "history_link_ttl",
                "image_link_ttl",
                "prompt_file", "dingtalk.api_host", "dingtalk.oapi_host", "dingtalk.card_update_interval",
                "dingtalk.allow_unsigned_callbacks",
                "storage.data_dir", "storage.fsync", "quota.zone", "quota.model_calls_per_minute",
                "openai.connect_timeout",
                "openai.read_timeout", "openai.deadline", "openai.max_retries", "ops.allow_private_targets",
                "lanes.workers", "lanes.max_queued", "lanes.max_queued_per_sender", "reply.max_chars",
                "server.host"}) {
            env(key, key.replace('.', '_').toUpperCase(Locale.ROOT));
        }
        ENV.put("prices", "");
    }

    private ConfigKeys() {
    }

    private static void env(String key, String name) {
        ENV.put(key, name);
    }

    /** The env var of a key; empty for structured keys. */
    static String envName(String key) {
        String name = ENV.get(key);
        if (name == null) throw new IllegalArgumentException("not a config key: " + key);
        return name;
    }

    static Set<String> all() {
        return ENV.keySet();
    }

    /**
     * Whether the env configures the bot by itself (the Docker way): it names a model key or a DingTalk app.
     * Generic variables such as PORT or HTTP_PROXY alone do not count; they are often set for other reasons.
     */
    static boolean anyEnvSet(Map<String, String> env) {
        return Stream.of("APIKEY", "AZURE_OPENAI_TOKEN", "DINGTALK_CREDENTIALS")
                .anyMatch(n -> !env.getOrDefault(n, "").isBlank());
    }

    /** The known key closest to a misspelt one, when it is close enough to be a typo. */
    static Optional<String> closest(String unknown) {
        return Spelling.closest(unknown, ENV.keySet(), 1).stream().findFirst();
    }
}
