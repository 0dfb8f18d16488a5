package dev.dingbot.app.config;

import dev.dingbot.core.settings.BotSettings;
import dev.dingbot.core.settings.PromptTemplate;
import dev.dingbot.core.text.Redaction;
import dev.dingbot.dingtalk.DingTalkSettings;
import dev.dingbot.ops.LookupSettings;
import dev.dingbot.storage.postgres.PostgresSettings;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The effective configuration, after defaults, {@code config.yml}, env and flags. Immutable. Secrets are held as
 * {@link Secret}, so printing any part of it never shows one; {@link #describe()} is the operator's view.
 *
 * @param templatesSource the prompt file the templates were read from, or a note that they are the built-in ones
 * @param warnings things worth telling the operator that do not stop the start (unknown keys: typos)
 * @param values   the effective value of every key, as read
 */
public record AppConfig(String logLevel, RunMode runMode, Llm llm, Chat chat, Access access, DingTalk dingtalk,
                        Server server, Storage storage, LaneLimits lanes, boolean allowPrivateTargets,
                        Duration shutdownGrace, Map<String, Price> prices, List<PromptTemplate> templates,
                        String templatesSource, List<String> warnings, ConfigValues values) {

    public AppConfig {
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(runMode, "runMode");
        Objects.requireNonNull(llm, "llm");
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(dingtalk, "dingtalk");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(lanes, "lanes");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        prices = Map.copyOf(prices);
        templates = List.copyOf(templates);
        Objects.requireNonNull(templatesSource, "templatesSource");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(values, "values");
    }

    public enum RunMode { STREAM, HTTP }

    /** How stores flush to disk: on every write, in batches, or when the OS decides. */
    public enum Fsync { ALWAYS, BATCH, NEVER }

    /**
     * The model provider: OpenAI-compatible unless {@code azure.on}.
     *
     * @param httpProxy may carry user:password; printed without it
     * @param noProxy   hosts reached without the proxy ({@code no_proxy}, env {@code NO_PROXY})
     */
    public record Llm(Secret apiKey, String baseUrl, String model, String imageModel, String imageSize,
                      String httpProxy, List<String> noProxy, Duration connectTimeout, Duration readTimeout,
                      Duration deadline, int maxRetries, Azure azure, List<Provider> providers) {
        public Llm {
            noProxy = List.copyOf(noProxy);
            providers = List.copyOf(providers);
        }

        @Override
        public String toString() {
            return "Llm[apiKey=" + apiKey + ", baseUrl=" + Redaction.userInfo(baseUrl) + ", model=" + model
                    + ", imageModel=" + imageModel + ", imageSize=" + imageSize + ", httpProxy=" + Redaction.userInfo(httpProxy)
                    + ", noProxy=" + noProxy
                    + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", deadline=" + deadline
                    + ", maxRetries=" + maxRetries + ", azure=" + azure + ", providers=" + providers + "]";
        }
    }

    public record Azure(boolean on, String apiVersion, String resourceName, String deploymentName, Secret token) { }

    /** One entry of {@code providers}; its keys are secrets. */
    public record Provider(String name, ModelConfig.Kind kind, String baseUrl, List<Secret> apiKeys,
                           List<String> models, ModelConfig.AzureTarget azure) {
        public Provider {
            apiKeys = List.copyOf(apiKeys);
            models = List.copyOf(models);
        }

        @Override
        public String toString() {
            return "Provider[name=" + name + ", kind=" + kind + ", baseUrl=" + Redaction.userInfo(baseUrl) + ", apiKeys="
                    + apiKeys.size() + " × ***, models=" + models + ", azure=" + azure + "]";
        }
    }

    /**
     * @param sessionTimeout zero: modes and contexts never expire
     * @param maxRequest     questions per user per day, 0 = unlimited
     */
    public record Chat(Duration sessionTimeout, int maxQuestionLen, int maxAnswerLen, int maxText,
                       String defaultMode, String systemPrompt, int maxRequest, ZoneId quotaZone,
                       int modelCallsPerMinute, List<String> sensitiveWords, String help, boolean streamMode, int replyMaxChars) {
        public Chat {
            sensitiveWords = List.copyOf(sensitiveWords);
        }
    }

    /** @param chatType "0" all chats, "1" private only, "2" groups only */
    public record Access(String chatType, Set<String> allowGroups, Set<String> allowOutgoingGroups,
                         Set<String> allowUsers, Set<String> denyUsers, Set<String> vipUsers,
                         Set<String> adminUsers, List<Secret> appSecrets) {
        public Access {
            allowGroups = Set.copyOf(allowGroups);
            allowOutgoingGroups = Set.copyOf(allowOutgoingGroups);
            allowUsers = Set.copyOf(allowUsers);
            denyUsers = Set.copyOf(denyUsers);
            vipUsers = Set.copyOf(vipUsers);
            adminUsers = Set.copyOf(adminUsers);
            appSecrets = List.copyOf(appSecrets);
        }
    }

    /** @param unsignedCallbacksAccepted HTTP mode takes callbacks without a signature (an explicit, risky choice) */
    public record DingTalk(List<DingTalkSettings.Credential> credentials, String apiHost, String oapiHost,
                           String cardTemplateId, Duration cardUpdateInterval, boolean unsignedCallbacksAccepted) {
        public DingTalk {
            credentials = List.copyOf(credentials);
        }
    }

    /**
     * @param host       the interface the HTTP server listens on; blank for every interface
     * @param serviceUrl public base URL of this server, empty when not reachable from outside
     */
    public record Server(String host, int port, String serviceUrl, Duration historyLinkTtl, Duration imageLinkTtl) { }

    /** Where the state lives: files in the data dir (one instance), or a PostgreSQL database several share. */
    public enum StorageKind { FILE, POSTGRES }

    /**
     * @param postgres   used when {@code kind} is {@link StorageKind#POSTGRES}
     * @param instanceId names this instance among those sharing the database
     */
    public record Storage(Path dataDir, Fsync fsync, StorageKind kind, Postgres postgres, String instanceId) { }

    /**
     * @param url   JDBC or {@code postgres://}; it may carry the password, printed without it
     * @param lease how long a message claimed by an instance that stopped stays its own
     */
    public record Postgres(String url, String user, Secret password, int poolSize, Duration lease) {
        @Override
        public String toString() {
            return "Postgres[url=" + PostgresUrl.masked(url) + ", user=" + user + ", password=" + password
                    + ", poolSize=" + poolSize + ", lease=" + lease + "]";
        }
    }

    public record LaneLimits(int workers, int maxQueued, int maxQueuedPerSender) { }

    /** What a model costs per one million tokens. */
    /**
     * One of {@code mcp_servers}: a program the bot starts ({@code command}, stdio) or a Streamable HTTP
     * {@code url}; {@code env} and {@code headers} values are secrets.
     *
     * @param allowUsers  staffIds offered its tools; empty: everyone the bot lets in
     * @param allowGroups conversationIds of the groups its tools are offered in; empty: every group
     */
    public record McpServer(String name, String command, List<String> args, Map<String, Secret> env, String url,
                            Map<String, Secret> headers, boolean adminOnly, Set<String> allowUsers,
                            Set<String> allowGroups) {
        public McpServer {
            args = List.copyOf(args);
            env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
            allowUsers = Set.copyOf(allowUsers);
            allowGroups = Set.copyOf(allowGroups);
        }

        public boolean stdio() {
            return url.isEmpty();
        }
    }

    public record Price(BigDecimal promptPerMillion, BigDecimal completionPerMillion, String currency) { }

    /** Core's settings: access, quota, conversation, replies, lanes, sensitive words, help and templates. */
    public BotSettings botSettings() {
        return SettingsMapper.botSettings(this);
    }

    /**
     * The tools to offer: built-in ones by name and the MCP servers, none when {@code tools.enabled} is false.
     *
     * @param callTimeout how long one call may take (the MCP client's request timeout too)
     */
    public record Tools(List<String> builtIn, List<McpServer> mcpServers, Duration callTimeout) {
        public Tools {
            builtIn = List.copyOf(builtIn);
            mcpServers = List.copyOf(mcpServers);
        }

        public boolean any() {
            return !builtIn.isEmpty() || !mcpServers.isEmpty();
        }
    }

    public Tools tools() {
        return SettingsMapper.tools(this);
    }

    /** The shared storage's settings, for {@code storage.kind: postgres}. */
    public PostgresSettings postgresSettings() {
        return SettingsMapper.postgresSettings(this);
    }

    /** The DingTalk channel's settings. */
    public DingTalkSettings dingTalkSettings() {
        return SettingsMapper.dingTalkSettings(this);
    }

    /** How {@code #域名} / {@code #证书} reach the network: the defaults, private targets as configured. */
    public LookupSettings lookupSettings() {
        return LookupSettings.builder().allowPrivateTargets(allowPrivateTargets).build();
    }

    /** What the LLM adapters need, provider-neutral. */
    public ModelConfig modelConfig() {
        return SettingsMapper.modelConfig(this);
    }

    /** The effective configuration as {@code key: value} lines, secrets shown as {@code ***}. */
    public String describe() {
        return ConfigDescriber.describe(this);
    }
}
