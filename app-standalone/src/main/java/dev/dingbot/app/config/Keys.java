package dev.dingbot.app.config;

import dev.dingbot.app.config.ConfigKey.Parser;
import dev.dingbot.core.settings.DocumentSettings;
import dev.dingbot.core.settings.QuotaSettings;
import dev.dingbot.dingtalk.DingTalkSettings;
import dev.dingbot.dingtalk.DingTalkSettings.Credential;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.dingbot.app.config.ConfigKey.bool;
import static dev.dingbot.app.config.ConfigKey.choice;
import static dev.dingbot.app.config.ConfigKey.duration;
import static dev.dingbot.app.config.ConfigKey.integer;
import static dev.dingbot.app.config.ConfigKey.list;
import static dev.dingbot.app.config.ConfigKey.multiline;
import static dev.dingbot.app.config.ConfigKey.of;
import static dev.dingbot.app.config.ConfigKey.parsed;
import static dev.dingbot.app.config.ConfigKey.path;
import static dev.dingbot.app.config.ConfigKey.secret;
import static dev.dingbot.app.config.ConfigKey.set;
import static dev.dingbot.app.config.ConfigKey.text;
import static dev.dingbot.app.config.ConfigKey.url;

/**
 * Every key the configuration knows, once each, in the order of config.example.yml. The original's keys keep
 * their env names (spec §2.2); grouped keys take theirs from the path ({@code storage.data_dir} is
 * {@code STORAGE_DATA_DIR}). Loading, env names, {@code check}'s view and the typo hints all come from here.
 */
final class Keys {

    /** Filled by {@link #declare} in the order of the declarations below; it must stay first. */
    private static final List<ConfigKey<?>> DECLARED = new ArrayList<>();

    static final ConfigKey<String> LOG_LEVEL = declare(choice("log_level", "LOG_LEVEL", "info",
            List.of("trace", "debug", "info", "warn", "error"), "日志级别", "log level"));
    static final ConfigKey<String> RUN_MODE = declare(choice("run_mode", "RUN_MODE", "http", List.of("stream", "http"),
            "运行模式：stream 或 http", "run mode: stream or http"));

    // The model.
    static final ConfigKey<Secret> API_KEY = declare(secret("api_key", "APIKEY", "OpenAI API key",
            "the OpenAI API key"));
    static final ConfigKey<String> BASE_URL = declare(url("base_url", "BASE_URL", "", List.of(),
            "接口地址，不带 /v1", "base URL of the model server, without /v1"));
    static final ConfigKey<String> MODEL = declare(of("model", "MODEL", ProvidersConfig::defaultModel, String::valueOf,
            "对话模型（配置了 providers 时默认是第一个服务商的第一个模型）",
            "chat model (with providers, by default the first provider's first model)"));
    static final ConfigKey<String> IMAGE_MODEL = declare(text("image_model", "IMAGE_MODEL", "", "图片模型",
            "image model"));
    static final ConfigKey<String> IMAGE_SIZE = declare(parsed("image_size", "IMAGE_SIZE", "1024x1024",
            new Parser<>(s -> s.matches("\\d{2,5}x\\d{2,5}|auto") ? s : null,
                    "must be WIDTHxHEIGHT like 1024x1024, or auto"),
            "图片尺寸", "image size"));
    static final ConfigKey<String> HTTP_PROXY = declare(url("http_proxy", "HTTP_PROXY", "",
            List.of("http", "https", "socks5"), "访问模型时使用的代理", "proxy for the model"));
    // NO_PROXY: the name curl and most tools read beside HTTP_PROXY.
    static final ConfigKey<List<String>> NO_PROXY = declare(list("no_proxy", "NO_PROXY", "不经代理直连的主机",
            "hosts reached without http_proxy"));
    static final ConfigKey<String> SYSTEM_PROMPT = declare(multiline("system_prompt", "SYSTEM_PROMPT", "系统提示词",
            "sent first as the system message"));
    static final ConfigKey<Duration> OPENAI_CONNECT_TIMEOUT = declare(duration("openai.connect_timeout",
            "OPENAI_CONNECT_TIMEOUT", Duration.ofSeconds(10), false, "建立连接的超时", "connect timeout"));
    static final ConfigKey<Duration> OPENAI_READ_TIMEOUT = declare(duration("openai.read_timeout",
            "OPENAI_READ_TIMEOUT",
            Duration.ofSeconds(60), false, "两次收到数据之间的最长等待", "longest wait between two reads"));
    static final ConfigKey<Duration> OPENAI_DEADLINE = declare(duration("openai.deadline", "OPENAI_DEADLINE",
            Duration.ofMinutes(5), false, "一次回答的最长时间", "the longest one answer may take"));
    static final ConfigKey<Integer> OPENAI_MAX_RETRIES = declare(integer("openai.max_retries",
            "OPENAI_MAX_RETRIES", 2, 0,
            "临时失败的重试次数", "retries on transient failures"));
    static final ConfigKey<Map<String, AppConfig.Price>> PRICES = declare(of("prices", "", Prices::read,
            prices -> prices.keySet().toString(), "各模型每 100 万 token 的价格", "price per 1M tokens per model"));

    // Azure OpenAI.
    static final ConfigKey<Boolean> AZURE_ON = declare(bool("azure_on", "AZURE_ON", false, "使用 Azure",
            "use Azure OpenAI"));
    static final ConfigKey<String> AZURE_RESOURCE_NAME = declare(text("azure_resource_name", "AZURE_RESOURCE_NAME", "",
            "Azure 资源名", "the Azure resource name"));
    static final ConfigKey<String> AZURE_DEPLOYMENT_NAME = declare(text("azure_deployment_name",
            "AZURE_DEPLOYMENT_NAME",
            "", "Azure 部署名", "the Azure deployment name"));
    static final ConfigKey<String> AZURE_API_VERSION = declare(text("azure_api_version", "AZURE_API_VERSION", "",
            "Azure 的 api-version", "the Azure api-version"));
    static final ConfigKey<Secret> AZURE_OPENAI_TOKEN = declare(secret("azure_openai_token", "AZURE_OPENAI_TOKEN",
            "Azure 的 api-key", "the Azure api-key"));
    static final ConfigKey<List<AppConfig.Provider>> PROVIDERS = declare(of("providers", "", ProvidersConfig::providers,
            ProvidersConfig::describe, "模型服务商，按顺序互为备用", "model providers, in fallback order"));
    static final ConfigKey<String> MODEL_SWITCH = declare(choice("model_switch", "MODEL_SWITCH", "admins",
            List.of("admins", "everyone", "off"), "谁可以在聊天中切换模型", "who may switch models in chat"));

    // Conversations.
    static final ConfigKey<Duration> SESSION_TIMEOUT = declare(duration("session_timeout", "SESSION_TIMEOUT",
            Duration.ofSeconds(600), true, "会话超时，0 表示永不过期", "idle time before a chat is forgotten; 0 = never")
            .shownAs(d -> Durations.format(d) + (d.isZero() ? " (never expires)" : "")));
    static final ConfigKey<Integer> MAX_QUESTION_LEN = declare(integer("max_question_len", "MAX_QUESTION_LEN", 4096, 1,
            "问题的最大 token 数", "max tokens of a question"));
    static final ConfigKey<Integer> MAX_ANSWER_LEN = declare(integer("max_answer_len", "MAX_ANSWER_LEN", 4096, 1,
            "回答的最大 token 数", "max tokens of an answer"));
    static final ConfigKey<Integer> MAX_TEXT = declare(integer("max_text", "MAX_TEXT", 4096, 1, "上下文总长度上限",
            "context limit: prompt, history and answer"));
    static final ConfigKey<String> DEFAULT_MODE = declare(choice("default_mode", "DEFAULT_MODE", "单聊",
            List.of("单聊", "串聊"),
            "默认对话模式", "default chat mode"));
    static final ConfigKey<Boolean> STREAM_MODE = declare(bool("stream_mode", "STREAM_MODE", false, "以 AI 卡片流式输出",
            "stream answers into an AI card"));
    static final ConfigKey<Integer> REPLY_MAX_CHARS = declare(integer("reply.max_chars", "REPLY_MAX_CHARS", 4000, 200,
            "单条回复的最大字符数", "longest reply before it is split"));
    static final ConfigKey<Path> PROMPT_FILE = declare(path("prompt_file", "PROMPT_FILE",
            ConfigLoader.DEFAULT_PROMPT_FILE, "提示词模板文件", "the prompt templates file"));
    static final ConfigKey<List<String>> SENSITIVE_WORDS = declare(list("sensitive_words", "SENSITIVE_WORDS", "敏感词",
            "words refused in questions and masked in answers").shownAs(words -> words.size() + " words"));

    // Access and limits.
    static final ConfigKey<String> CHAT_TYPE = declare(choice("chat_type", "CHAT_TYPE", "0", List.of("0", "1", "2"),
            "允许的对话类型", "allowed chats: 0 all, 1 private, 2 groups"));
    static final ConfigKey<Set<String>> ALLOW_GROUPS = declare(set("allow_groups", "ALLOW_GROUPS", "允许使用的群",
            "groups allowed"));
    static final ConfigKey<Set<String>> ALLOW_OUTGOING_GROUPS = declare(set("allow_outgoing_groups",
            "ALLOW_OUTGOING_GROUPS", "允许 outgoing 机器人的群", "conversations allowed for outgoing robots"));
    static final ConfigKey<Set<String>> ALLOW_USERS = declare(set("allow_users", "ALLOW_USERS", "允许使用的用户",
            "users allowed"));
    static final ConfigKey<Set<String>> DENY_USERS = declare(set("deny_users", "DENY_USERS", "禁止使用的用户",
            "users refused"));
    static final ConfigKey<Set<String>> VIP_USERS = declare(set("vip_users", "VIP_USERS", "不受每日次数限制的用户",
            "users exempt from max_request"));
    static final ConfigKey<Set<String>> ADMIN_USERS = declare(set("admin_users", "ADMIN_USERS", "管理员", "admins"));
    static final ConfigKey<List<Secret>> APP_SECRETS = declare(ConfigKey.<List<Secret>>of("app_secrets", "APP_SECRETS",
            (r, k) -> r.list(k).stream().map(Secret::of).toList(),
            secrets -> secrets.isEmpty() ? "[]" : secrets.size() + " set (***)",
            "旧版的应用密钥，用于校验回调签名", "the original's app secrets, to verify callbacks by").asSecret());
    static final ConfigKey<Integer> MAX_REQUEST = declare(integer("max_request", "MAX_REQUEST", 0, 0,
            "每人每天最多提问次数", "questions per user per day; 0 = unlimited")
            .shownAs(n -> n == 0 ? "0 (unlimited)" : String.valueOf(n)));
    static final ConfigKey<ZoneId> QUOTA_ZONE = declare(parsed("quota.zone", "QUOTA_ZONE", QuotaSettings.DEFAULT_ZONE,
            new Parser<>(Keys::zone, "must be a time zone id such as Asia/Shanghai or UTC"), "计算“每天”所用的时区",
            "the time zone whose midnight starts a new day"));
    static final ConfigKey<Integer> QUOTA_MODEL_CALLS_PER_MINUTE = declare(integer("quota.model_calls_per_minute",
            "QUOTA_MODEL_CALLS_PER_MINUTE", 10, 0, "每人每分钟最多调用模型的次数", "model calls per user in any minute"));

    // DingTalk.
    static final ConfigKey<List<Credential>> CREDENTIALS = declare(of("credentials", "DINGTALK_CREDENTIALS",
            Credentials::read, apps -> apps.stream().map(app -> app.clientId() + ":***")
                    .collect(Collectors.joining(", ", "[", "]")),
            "钉钉应用凭据", "DingTalk apps: client_id and client_secret").asSecret());
    static final ConfigKey<String> CARD_TEMPLATE_ID = declare(text("card_template_id", "CARD_TEMPLATE_ID", "",
            "AI 卡片模板 ID", "AI card template id"));
    static final ConfigKey<String> DINGTALK_API_HOST = declare(url("dingtalk.api_host", "DINGTALK_API_HOST",
            DingTalkSettings.DEFAULT_API_HOST, List.of(), "新版开放平台地址", "the OpenAPI host"));
    static final ConfigKey<String> DINGTALK_OAPI_HOST = declare(url("dingtalk.oapi_host", "DINGTALK_OAPI_HOST",
            DingTalkSettings.DEFAULT_OAPI_HOST, List.of(), "旧版开放平台地址", "the legacy host"));
    static final ConfigKey<Duration> DINGTALK_CARD_UPDATE_INTERVAL = declare(duration("dingtalk.card_update_interval",
            "DINGTALK_CARD_UPDATE_INTERVAL", Duration.ofMillis(500), false, "AI 卡片两次刷新的最小间隔",
            "at most one card update per interval"));
    static final ConfigKey<Boolean> DINGTALK_ALLOW_UNSIGNED_CALLBACKS = declare(bool(
            "dingtalk.allow_unsigned_callbacks",
            "DINGTALK_ALLOW_UNSIGNED_CALLBACKS", false, "HTTP 模式下接受未签名的回调（危险）",
            "HTTP mode takes unsigned callbacks (risky)"));

    // Server and storage.
    static final ConfigKey<String> SERVER_HOST = declare(text("server.host", "SERVER_HOST", "", "监听地址",
            "interface to listen on").shownAs(host -> host.isEmpty() ? "(every interface)" : host));
    // Replaces the original's `port`, same env var.
    static final ConfigKey<Integer> SERVER_PORT = declare(ConfigKey.<Integer>of("server.port", "PORT",
            (r, k) -> r.port(k, 8090), String::valueOf, "HTTP 端口", "HTTP port").alias("port"));
    static final ConfigKey<String> SERVICE_URL = declare(url("service_url", "SERVICE_URL", "", List.of(),
            "本服务在外网可访问的地址", "public base URL of this server"));
    static final ConfigKey<Duration> HISTORY_LINK_TTL = declare(duration("history_link_ttl", "HISTORY_LINK_TTL",
            Duration.ofHours(24), false, "对话记录链接的有效期", "how long a history link works"));
    static final ConfigKey<Duration> IMAGE_LINK_TTL = declare(duration("image_link_ttl", "IMAGE_LINK_TTL",
            Duration.ofDays(7), false, "图片链接的有效期", "how long an image link works"));
    static final ConfigKey<Path> STORAGE_DATA_DIR = declare(path("storage.data_dir", "STORAGE_DATA_DIR",
            "data", "数据目录", "data directory"));
    static final ConfigKey<String> STORAGE_FSYNC = declare(choice("storage.fsync", "STORAGE_FSYNC", "batch",
            List.of("always", "batch", "never"), "写盘方式", "how stores flush to disk"));
    static final ConfigKey<String> STORAGE_KIND = declare(choice("storage.kind", "STORAGE_KIND", "file",
            List.of("file", "postgres"), "存储方式：file（数据目录）或 postgres（多个实例共用一个数据库）",
            "where state lives: file (the data dir) or postgres (one database several instances share)"));
    static final ConfigKey<String> STORAGE_POSTGRES_URL = declare(of("storage.postgres.url", "STORAGE_POSTGRES_URL",
            (r, k) -> r.text(k, "").trim(), PostgresUrl::masked, "PostgreSQL 地址",
            "the PostgreSQL database: jdbc:postgresql://host:port/db or postgres://user:password@host:port/db"));
    static final ConfigKey<String> STORAGE_POSTGRES_USER = declare(text("storage.postgres.user",
            "STORAGE_POSTGRES_USER", "", "数据库用户", "the database role"));
    static final ConfigKey<Secret> STORAGE_POSTGRES_PASSWORD = declare(secret("storage.postgres.password",
            "STORAGE_POSTGRES_PASSWORD", "数据库密码", "the database password"));
    static final ConfigKey<Integer> STORAGE_POSTGRES_POOL_SIZE = declare(integer("storage.postgres.pool_size",
            "STORAGE_POSTGRES_POOL_SIZE", 10, 1, "本实例最多使用的数据库连接数", "database connections this instance keeps at most"));
    static final ConfigKey<Duration> STORAGE_POSTGRES_LEASE = declare(duration("storage.postgres.lease",
            "STORAGE_POSTGRES_LEASE", Duration.ofSeconds(30), false, "实例停止响应后，其他实例接手其消息前的等待时间",
            "how long a message stays claimed by an instance that stopped before another takes it over"));
    static final ConfigKey<String> INSTANCE_ID = declare(of("instance.id", "INSTANCE_ID", Keys::instanceId,
            String::valueOf, "实例名，在共用数据库的实例中唯一；留空则为进程号@主机名",
            "names this instance among those sharing the database; empty: pid@host name"));
    static final ConfigKey<Integer> LANES_WORKERS = declare(integer("lanes.workers", "LANES_WORKERS", 64, 1,
            "同时处理的回答数", "answers worked on at once"));
    static final ConfigKey<Integer> LANES_MAX_QUEUED = declare(integer("lanes.max_queued", "LANES_MAX_QUEUED", 2000, 0,
            "排队上限", "queued messages before users are asked to retry"));
    static final ConfigKey<Integer> LANES_MAX_QUEUED_PER_SENDER = declare(integer("lanes.max_queued_per_sender",
            "LANES_MAX_QUEUED_PER_SENDER", 5, 1, "每人在每个会话中最多排队的消息数",
            "messages one user may have queued in one conversation"));
    static final ConfigKey<Boolean> OPS_ALLOW_PRIVATE_TARGETS = declare(bool("ops.allow_private_targets",
            "OPS_ALLOW_PRIVATE_TARGETS", false, "#域名 / #证书 可查询私有地址", "#域名 / #证书 may reach private addresses"));
    // Tools the model may call.
    static final ConfigKey<Boolean> TOOLS_ENABLED = declare(bool("tools.enabled", "TOOLS_ENABLED", true,
            "是否让模型调用工具（配置了工具时默认开启）", "let the model call tools (on by default when any is configured)"));
    static final ConfigKey<Integer> TOOLS_MAX_ROUNDS = declare(integer("tools.max_rounds", "TOOLS_MAX_ROUNDS", 5, 1,
            "一个问题最多几轮“模型 → 工具 → 模型”", "model → tools → model rounds for one question"));
    static final ConfigKey<Duration> TOOLS_CALL_TIMEOUT = declare(duration("tools.call_timeout", "TOOLS_CALL_TIMEOUT",
            Duration.ofSeconds(30), false, "一次工具调用的最长时间", "the longest one tool call may take"));
    static final ConfigKey<Integer> TOOLS_MAX_RESULT_CHARS = declare(integer("tools.max_result_chars",
            "TOOLS_MAX_RESULT_CHARS", 8000, 100, "工具结果的最大字符数，超出部分截断并告知模型",
            "a longer tool result is cut, and the model told so"));
    static final ConfigKey<List<String>> TOOLS_BUILTIN = declare(of("tools.builtin", "TOOLS_BUILTIN",
            ToolsConfig::builtIn, ConfigKey::bracketed, "内置工具，[] 表示不提供",
            "built-in tools offered; [] offers none"));
    static final ConfigKey<List<AppConfig.McpServer>> MCP_SERVERS = declare(of("mcp_servers", "",
            ToolsConfig::mcpServers, ToolsConfig::describe, "MCP 服务器：名称 → 启动命令或地址",
            "MCP servers: name → command (stdio) or url (Streamable HTTP)"));
    // Files users send: PDF, Word, Excel, PowerPoint, text.
    static final ConfigKey<Boolean> DOCUMENTS_ENABLED = declare(bool("documents.enabled", "DOCUMENTS_ENABLED", true,
            "是否读取用户发送的文件", "read the files users send"));
    static final ConfigKey<Long> DOCUMENTS_MAX_BYTES = declare(parsed("documents.max_bytes", "DOCUMENTS_MAX_BYTES",
            DocumentSettings.DEFAULT_MAX_BYTES, new Parser<>(ByteSizes::parse,
                    "must be a size such as 20MB, 512KB or a number of bytes"),
            "文件大小上限，更大的文件不下载", "a larger file is not downloaded").shownAs(ByteSizes::format));
    static final ConfigKey<Integer> DOCUMENTS_MAX_PER_SESSION = declare(integer("documents.max_per_session",
            "DOCUMENTS_MAX_PER_SESSION", 3, 1, "每个会话保留的文件数，超出时丢弃最早的",
            "documents one conversation keeps; the oldest goes first"));
    static final ConfigKey<Integer> DOCUMENTS_MAX_TOKENS = declare(integer("documents.max_tokens",
            "DOCUMENTS_MAX_TOKENS", 0, 0, "随问题发给模型的文件内容上限（token）；0 表示 max_text 留给问题部分的一半",
            "the most of the documents sent with a question, in tokens; 0: half of what max_text leaves for it")
            .shownAs(n -> n == 0 ? "0 (half of what max_text leaves for the question)" : String.valueOf(n)));
    static final ConfigKey<Duration> SHUTDOWN_GRACE = declare(duration("shutdown_grace", "SHUTDOWN_GRACE",
            Duration.ofSeconds(20), true, "停止时等待进行中回答的最长时间", "how long a stop waits for answers in flight"));
    static final ConfigKey<String> HELP = declare(of("help", "HELP", Keys::help, s -> s.length() + " characters",
            "帮助信息", "the reply to 帮助"));

    /** All of them, in the order of config.example.yml: the order {@code check} shows them in. */
    static final List<ConfigKey<?>> ALL = List.copyOf(DECLARED);

    private Keys() {
    }

    private static <T> ConfigKey<T> declare(ConfigKey<T> key) {
        DECLARED.add(key);
        return key;
    }

    /** Without a configured help text, the shipped one. */
    private static String help(ConfigReader r, ConfigKey<String> key) {
        String help = r.multiline(key);
        return help.isBlank() ? DefaultHelp.text() : help;
    }

    /** Without one configured, {@code pid@host}: unique among running instances, and says where each runs. */
    private static String instanceId(ConfigReader r, ConfigKey<String> key) {
        String id = r.text(key, "").trim();
        if (!id.isEmpty()) return id;
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return ProcessHandle.current().pid() + "@" + host;
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
