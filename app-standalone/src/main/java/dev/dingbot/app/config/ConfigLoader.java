package dev.dingbot.app.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds the {@link AppConfig}. Precedence: defaults &lt; {@code config.yml} &lt; env &lt; flags. Env names are
 * the original's; an env var set to the empty string is ignored (it never blanks out a file value). Every
 * problem is collected and thrown together.
 */
public final class ConfigLoader {

    public static final String DEFAULT_FILE = "config.yml";
    public static final String DEFAULT_PROMPT_FILE = "prompt.yml";

    /** What the configuration is loaded for: what it must hold depends on it. */
    public enum Use {
        /** run and check: connect to DingTalk, so an app (Stream) or a callback secret (HTTP) is needed */
        CONNECT,
        /** chat: the console stands in for DingTalk, so nothing of DingTalk is needed yet */
        CONSOLE
    }

    private ConfigLoader() {
    }

    /** Loads the configuration to connect to DingTalk with ({@link Use#CONNECT}). */
    public static AppConfig load(Path file, Map<String, String> env, Map<String, String> flags, Path workingDir)
            throws ConfigException {
        return load(file, env, flags, workingDir, Use.CONNECT);
    }

    /**
     * @param file       the config file; null for an env-only start (the Docker way)
     * @param env        the environment, usually {@code System.getenv()}
     * @param flags      command-line values by config key ({@code storage.data_dir}, {@code server.port},
     *                   {@code log_level})
     * @param workingDir where relative paths given as flags are taken from, and all of them when there is no
     *                   config file; with a file, relative {@code prompt_file} and {@code storage.data_dir} from
     *                   the file or env are next to it
     * @param use        what it is loaded for
     */
    public static AppConfig load(Path file, Map<String, String> env, Map<String, String> flags, Path workingDir,
                                 Use use) throws ConfigException {
        List<ConfigProblem> fileProblems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        JsonNode root = file == null ? null : readFile(file, fileProblems, warnings);
        if (!fileProblems.isEmpty()) throw new ConfigException(fileProblems);
        Path configDir = file == null ? workingDir : file.toAbsolutePath().getParent();
        ConfigReader r = new ConfigReader(root, env, flags, configDir, workingDir);
        if (root != null) warnings.addAll(UnknownKeys.find(root));
        AppConfig config = read(r, use, warnings);
        if (!r.problems().isEmpty()) throw new ConfigException(r.problems());
        return config;
    }

    /**
     * Whether the environment alone configures the bot (the Docker way), so a missing config file is not an error:
     * it names a model key or a DingTalk app. Generic variables such as PORT or HTTP_PROXY alone do not count; they
     * are often set for other reasons.
     */
    public static boolean environmentConfigures(Map<String, String> env) {
        return Stream.of(Keys.API_KEY, Keys.AZURE_OPENAI_TOKEN, Keys.CREDENTIALS)
                .anyMatch(key -> !env.getOrDefault(key.env(), "").isBlank());
    }

    private static JsonNode readFile(Path file, List<ConfigProblem> problems, List<String> warnings) {
        if (!Files.exists(file)) {
            problems.add(new ConfigProblem("config file", file.toString(),
                    "not found: run `dingbot init` to write a starter config.yml, or pass --config <path>"));
            return null;
        }
        return YamlFile.read(file, "config file", "remove it and put your config.yml in its place (with Docker, "
                + "create the file on the host before the container starts)", problems).map(document -> {
            warnings.addAll(document.duplicateKeys());
            JsonNode root = document.root();
            if (root == null || root.isMissingNode() || root.isNull()) return null;
            if (!root.isObject()) {
                problems.add(new ConfigProblem("config file", file.toString(), "must be a YAML map of key: value"));
                return null;
            }
            return root;
        }).orElse(null);
    }

    private static AppConfig read(ConfigReader r, Use use, List<String> warnings) {
        String logLevel = Keys.LOG_LEVEL.read(r);
        int problemsBefore = r.problems().size();
        AppConfig.RunMode runMode = AppConfig.RunMode.valueOf(Keys.RUN_MODE.read(r).toUpperCase(Locale.ROOT));
        // A run_mode that is not one of the two is reported; what either mode needs would only add noise.
        boolean runModeKnown = r.problems().size() == problemsBefore;

        AppConfig.Azure azure = new AppConfig.Azure(Keys.AZURE_ON.read(r), Keys.AZURE_API_VERSION.read(r),
                Keys.AZURE_RESOURCE_NAME.read(r), Keys.AZURE_DEPLOYMENT_NAME.read(r), Keys.AZURE_OPENAI_TOKEN.read(r));
        AppConfig.Llm llm = new AppConfig.Llm(Keys.API_KEY.read(r), Keys.BASE_URL.read(r), Keys.MODEL.read(r),
                Keys.IMAGE_MODEL.read(r), Keys.IMAGE_SIZE.read(r), Keys.HTTP_PROXY.read(r), Keys.NO_PROXY.read(r),
                Keys.OPENAI_CONNECT_TIMEOUT.read(r), Keys.OPENAI_READ_TIMEOUT.read(r), Keys.OPENAI_DEADLINE.read(r),
                Keys.OPENAI_MAX_RETRIES.read(r), azure, Keys.PROVIDERS.read(r));
        checkProvider(r, llm);

        AppConfig.Chat chat = new AppConfig.Chat(Keys.SESSION_TIMEOUT.read(r), Keys.MAX_QUESTION_LEN.read(r),
                Keys.MAX_ANSWER_LEN.read(r), Keys.MAX_TEXT.read(r), Keys.DEFAULT_MODE.read(r),
                Keys.SYSTEM_PROMPT.read(r), Keys.MAX_REQUEST.read(r), Keys.QUOTA_ZONE.read(r),
                Keys.QUOTA_MODEL_CALLS_PER_MINUTE.read(r), Keys.SENSITIVE_WORDS.read(r), Keys.HELP.read(r),
                Keys.STREAM_MODE.read(r), Keys.REPLY_MAX_CHARS.read(r));
        if (chat.maxAnswerLen() > chat.maxText()) {
            warnings.add("max_answer_len (" + chat.maxAnswerLen() + ") is above max_text (" + chat.maxText()
                    + "): question and answer must fit into max_text together; lower max_answer_len or raise max_text");
        }

        AppConfig.Access access = new AppConfig.Access(Keys.CHAT_TYPE.read(r), Keys.ALLOW_GROUPS.read(r),
                Keys.ALLOW_OUTGOING_GROUPS.read(r), Keys.ALLOW_USERS.read(r), Keys.DENY_USERS.read(r),
                Keys.VIP_USERS.read(r), Keys.ADMIN_USERS.read(r), Keys.APP_SECRETS.read(r));

        AppConfig.DingTalk dingtalk = new AppConfig.DingTalk(Keys.CREDENTIALS.read(r), Keys.DINGTALK_API_HOST.read(r),
                Keys.DINGTALK_OAPI_HOST.read(r), Keys.CARD_TEMPLATE_ID.read(r),
                Keys.DINGTALK_CARD_UPDATE_INTERVAL.read(r), Keys.DINGTALK_ALLOW_UNSIGNED_CALLBACKS.read(r));
        if (use == Use.CONNECT && runModeKnown) checkDingTalk(r, runMode, dingtalk, access, warnings);

        AppConfig.Server server = new AppConfig.Server(Keys.SERVER_HOST.read(r), Keys.SERVER_PORT.read(r),
                Keys.SERVICE_URL.read(r), Keys.HISTORY_LINK_TTL.read(r), Keys.IMAGE_LINK_TTL.read(r));
        AppConfig.Storage storage = new AppConfig.Storage(Keys.STORAGE_DATA_DIR.read(r),
                AppConfig.Fsync.valueOf(Keys.STORAGE_FSYNC.read(r).toUpperCase(Locale.ROOT)),
                AppConfig.StorageKind.valueOf(Keys.STORAGE_KIND.read(r).toUpperCase(Locale.ROOT)),
                new AppConfig.Postgres(Keys.STORAGE_POSTGRES_URL.read(r), Keys.STORAGE_POSTGRES_USER.read(r),
                        Keys.STORAGE_POSTGRES_PASSWORD.read(r), Keys.STORAGE_POSTGRES_POOL_SIZE.read(r),
                        Keys.STORAGE_POSTGRES_LEASE.read(r)),
                Keys.INSTANCE_ID.read(r));
        checkPostgres(r, storage);
        AppConfig.LaneLimits lanes = new AppConfig.LaneLimits(Keys.LANES_WORKERS.read(r), Keys.LANES_MAX_QUEUED.read(r),
                Keys.LANES_MAX_QUEUED_PER_SENDER.read(r));

        for (String key : Placeholders.keys(llm, server, dingtalk)) {
            warnings.add(key + " still holds the example's placeholder: put your own value there");
        }
        PromptFile.Prompts prompts = PromptFile.load(Keys.PROMPT_FILE.read(r), r.raw(Keys.PROMPT_FILE).isPresent(), r);
        boolean allowPrivateTargets = Keys.OPS_ALLOW_PRIVATE_TARGETS.read(r);
        Duration shutdownGrace = Keys.SHUTDOWN_GRACE.read(r);
        Map<String, AppConfig.Price> prices = Keys.PRICES.read(r);
        return new AppConfig(logLevel, runMode, llm, chat, access, dingtalk, server, storage, lanes,
                allowPrivateTargets, shutdownGrace, prices, prompts.templates(), prompts.source(), warnings,
                r.effective(Keys.ALL));
    }

    /** What connecting to DingTalk needs: an app to connect as (Stream), a secret to verify callbacks by (HTTP). */
    private static void checkDingTalk(ConfigReader r, AppConfig.RunMode runMode, AppConfig.DingTalk dingtalk,
                                      AppConfig.Access access, List<String> warnings) {
        if (runMode == AppConfig.RunMode.STREAM && dingtalk.credentials().isEmpty()) {
            r.problem(Keys.CREDENTIALS.label(), "", "stream mode needs at least one DingTalk app: "
                    + "add client_id and client_secret under credentials");
        }
        if (runMode != AppConfig.RunMode.HTTP) return;
        if (dingtalk.unsignedCallbacksAccepted()) {
            warnings.add("dingtalk.allow_unsigned_callbacks is true: callbacks without a signature are taken, so "
                    + "anyone who reaches the port can post as anyone, admins included; set it to false once "
                    + "credentials or app_secrets are set");
        } else if (dingtalk.credentials().isEmpty() && access.appSecrets().isEmpty()) {
            r.problem(Keys.CREDENTIALS.label(), "", "http mode needs a secret to verify DingTalk's "
                    + "callbacks by: add client_id and client_secret under credentials (or the original's "
                    + "app_secrets); to take unsigned callbacks at your own risk, set "
                    + "dingtalk.allow_unsigned_callbacks: true");
        }
    }

    /** A URL is needed only where it is used; a bad one is reported either way, without its password. */
    private static void checkPostgres(ConfigReader r, AppConfig.Storage storage) {
        String url = storage.postgres().url();
        if (url.isEmpty()) {
            if (storage.kind() == AppConfig.StorageKind.POSTGRES) {
                r.problem(Keys.STORAGE_POSTGRES_URL.label(), "", "storage.kind is postgres: set the database's URL, "
                        + "e.g. postgres://dingbot:password@db:5432/dingbot (or storage.kind: file)");
            }
        } else if (!PostgresUrl.valid(url)) {
            r.problem(Keys.STORAGE_POSTGRES_URL.label(), PostgresUrl.masked(url), PostgresUrl.FIX);
        }
    }

    private static void checkProvider(ConfigReader r, AppConfig.Llm llm) {
        if (!llm.providers().isEmpty()) {
            List<String> models = llm.providers().stream().flatMap(p -> p.models().stream()).distinct().toList();
            if (r.raw(Keys.MODEL).isPresent() && !models.contains(llm.model())) {
                r.problem(Keys.MODEL.label(), llm.model(), "must be one of the providers' models: "
                        + String.join(", ", models) + " (or leave model out: the first provider's first model)");
            }
            return;
        }
        AppConfig.Azure az = llm.azure();
        if (!az.on()) {
            if (llm.apiKey().isEmpty()) {
                r.problem(Keys.API_KEY.label(), "", "api key required: set api_key, or azure_on: true with the "
                        + "azure_* keys");
            }
            return;
        }
        Map<ConfigKey<?>, Boolean> required = new LinkedHashMap<>();
        required.put(Keys.AZURE_RESOURCE_NAME, az.resourceName().isEmpty());
        required.put(Keys.AZURE_DEPLOYMENT_NAME, az.deploymentName().isEmpty());
        required.put(Keys.AZURE_API_VERSION, az.apiVersion().isEmpty());
        required.put(Keys.AZURE_OPENAI_TOKEN, az.token().isEmpty());
        required.forEach((key, missing) -> {
            if (missing) r.problem(key.label(), "", "required when azure_on is true");
        });
    }
}
