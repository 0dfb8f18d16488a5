package dev.dingbot.app.config;

import dev.dingbot.anthropic.AnthropicSettings;
import dev.dingbot.core.model.Mode;
import dev.dingbot.core.settings.AccessSettings;
import dev.dingbot.core.settings.AllowedChats;
import dev.dingbot.core.settings.BotSettings;
import dev.dingbot.core.settings.ConversationSettings;
import dev.dingbot.core.settings.LaneSettings;
import dev.dingbot.core.settings.ModelPrice;
import dev.dingbot.core.settings.QuotaSettings;
import dev.dingbot.core.settings.DocumentSettings;
import dev.dingbot.core.settings.ModelSwitch;
import dev.dingbot.core.settings.ReplySettings;
import dev.dingbot.core.settings.ToolSettings;
import dev.dingbot.dingtalk.DingTalkSettings;
import dev.dingbot.openai.OpenAiSettings;
import dev.dingbot.storage.postgres.PostgresSettings;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns the app's configuration into the settings records of core and the adapters. */
final class SettingsMapper {

    private SettingsMapper() {
    }

    static PostgresSettings postgresSettings(AppConfig c) {
        AppConfig.Storage storage = c.storage();
        AppConfig.Postgres pg = storage.postgres();
        return PostgresSettings.builder(pg.url()).user(pg.user()).password(pg.password().reveal())
                .poolSize(pg.poolSize()).lease(pg.lease()).instanceId(storage.instanceId()).build();
    }

    static BotSettings botSettings(AppConfig c) {
        AppConfig.Access a = c.access();
        AppConfig.Chat chat = c.chat();
        AllowedChats chats = switch (a.chatType()) {
            case "1" -> AllowedChats.PRIVATE_ONLY;
            case "2" -> AllowedChats.GROUP_ONLY;
            default -> AllowedChats.ALL;
        };
        Mode mode = Mode.CONTEXT.command().equals(chat.defaultMode()) ? Mode.CONTEXT : Mode.SINGLE;
        return BotSettings.builder()
                .access(new AccessSettings(chats, a.allowGroups(), a.allowUsers(), a.denyUsers(), a.vipUsers(),
                        a.adminUsers()))
                .quota(new QuotaSettings(chat.maxRequest(), chat.quotaZone(), chat.modelCallsPerMinute()))
                .conversation(new ConversationSettings(mode, chat.defaultMode(), chat.sessionTimeout(),
                        chat.maxQuestionLen(), chat.maxAnswerLen(), chat.maxText(), chat.systemPrompt()))
                .replies(new ReplySettings(chat.streamMode(), chat.replyMaxChars(), true))
                .lanes(new LaneSettings(c.lanes().workers(), c.lanes().maxQueued(), c.lanes().maxQueuedPerSender(),
                        LaneSettings.defaults().staleAfter()))
                .sensitiveWords(chat.sensitiveWords())
                .helpText(chat.help())
                .templates(c.templates())
                .prices(prices(c.prices()))
                .tools(new ToolSettings(c.values().get(Keys.TOOLS_MAX_ROUNDS), c.values().get(Keys.TOOLS_CALL_TIMEOUT),
                        c.values().get(Keys.TOOLS_MAX_RESULT_CHARS)))
                .modelSwitch(ModelSwitch.valueOf(c.values().get(Keys.MODEL_SWITCH).toUpperCase(Locale.ROOT)))
                .documents(new DocumentSettings(c.values().get(Keys.DOCUMENTS_ENABLED),
                        c.values().get(Keys.DOCUMENTS_MAX_BYTES), c.values().get(Keys.DOCUMENTS_MAX_PER_SESSION),
                        c.values().get(Keys.DOCUMENTS_MAX_TOKENS)))
                .build();
    }

    static AppConfig.Tools tools(AppConfig c) {
        ConfigValues v = c.values();
        if (!v.get(Keys.TOOLS_ENABLED)) return new AppConfig.Tools(List.of(), List.of(), v.get(Keys.TOOLS_CALL_TIMEOUT));
        return new AppConfig.Tools(v.get(Keys.TOOLS_BUILTIN), v.get(Keys.MCP_SERVERS), v.get(Keys.TOOLS_CALL_TIMEOUT));
    }

    private static Map<String, ModelPrice> prices(Map<String, AppConfig.Price> prices) {
        Map<String, ModelPrice> mapped = new HashMap<>();
        prices.forEach((model, p) -> mapped.put(model,
                new ModelPrice(p.promptPerMillion(), p.completionPerMillion(), p.currency())));
        return mapped;
    }

    static DingTalkSettings dingTalkSettings(AppConfig c) {
        AppConfig.DingTalk d = c.dingtalk();
        return DingTalkSettings.builder()
                .credentials(d.credentials())
                .apiHost(d.apiHost())
                .oapiHost(d.oapiHost())
                .cardsEnabled(c.chat().streamMode())
                .cardTemplateId(d.cardTemplateId())
                .cardUpdateInterval(d.cardUpdateInterval())
                .allowOutgoingGroups(c.access().allowOutgoingGroups())
                .callbackTrust(new DingTalkSettings.CallbackTrust(
                        c.access().appSecrets().stream().map(Secret::reveal).toList(), d.unsignedCallbacksAccepted()))
                .build();
    }

    /** The host the model client connects to: Azure's resource, the configured base URL, or OpenAI's. */
    private static String modelHost(AppConfig.Llm l) {
        if (l.azure().on()) return l.azure().resourceName() + ".openai.azure.com";
        String host = URI.create(l.baseUrl().isBlank() ? OpenAiSettings.OPENAI_BASE : l.baseUrl().trim()).getHost();
        return host == null ? "" : host;
    }

    private static String proxyFor(String host, AppConfig.Llm l) {
        return new NoProxy(l.noProxy()).bypasses(host) ? "" : l.httpProxy();
    }

    static ModelConfig modelConfig(AppConfig c) {
        AppConfig.Llm l = c.llm();
        AppConfig.Azure az = l.azure();
        return new ModelConfig(az.on() ? ModelConfig.Kind.AZURE : ModelConfig.Kind.OPENAI,
                az.on() ? "" : l.baseUrl(),
                az.on() ? az.token().reveal() : l.apiKey().reveal(),
                l.model(), l.imageModel(), l.imageSize(), proxyFor(modelHost(l), l),
                l.connectTimeout(), l.readTimeout(), l.deadline(), l.maxRetries(),
                az.resourceName(), az.deploymentName(), az.apiVersion(), providers(l));
    }

    /** The {@code providers} entries, or the one provider the original's keys describe. */
    private static List<ModelConfig.Provider> providers(AppConfig.Llm l) {
        AppConfig.Azure az = l.azure();
        if (l.providers().isEmpty()) {
            String key = az.on() ? az.token().reveal() : l.apiKey().reveal();
            return List.of(new ModelConfig.Provider(az.on() ? "azure" : "openai",
                    az.on() ? ModelConfig.Kind.AZURE : ModelConfig.Kind.OPENAI, az.on() ? "" : l.baseUrl(),
                    key.isEmpty() ? List.of() : List.of(key), List.of(l.model()),
                    new ModelConfig.AzureTarget(az.resourceName(), az.deploymentName(), az.apiVersion()),
                    proxyFor(modelHost(l), l)));
        }
        return l.providers().stream().map(p -> new ModelConfig.Provider(p.name(), p.kind(), p.baseUrl(),
                p.apiKeys().stream().map(Secret::reveal).toList(), p.models(), p.azure(),
                proxyFor(providerHost(p), l))).toList();
    }

    private static String providerHost(AppConfig.Provider p) {
        if (p.kind() == ModelConfig.Kind.AZURE) return p.azure().resourceName() + ".openai.azure.com";
        String url = p.baseUrl().isEmpty()
                ? (p.kind() == ModelConfig.Kind.ANTHROPIC ? AnthropicSettings.ANTHROPIC_BASE : OpenAiSettings.OPENAI_BASE)
                : p.baseUrl();
        String host = URI.create(url).getHost();
        return host == null ? "" : host;
    }
}
