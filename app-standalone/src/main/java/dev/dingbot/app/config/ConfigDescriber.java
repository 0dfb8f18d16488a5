package dev.dingbot.app.config;

import dev.dingbot.core.settings.PromptTemplate;
import dev.dingbot.core.text.Redaction;
import dev.dingbot.dingtalk.DingTalkSettings.Credential;

import java.time.Duration;
import java.util.Collection;
import java.util.stream.Collectors;

/** The operator's view of the effective configuration; secrets are shown as {@code ***} and never in clear. */
final class ConfigDescriber {

    private ConfigDescriber() {
    }

    static String describe(AppConfig c) {
        StringBuilder sb = new StringBuilder();
        AppConfig.Llm l = c.llm();
        AppConfig.Chat ch = c.chat();
        AppConfig.Access a = c.access();
        line(sb, "log_level", c.logLevel());
        line(sb, "run_mode", c.runMode().name().toLowerCase());
        line(sb, "api_key", l.apiKey());
        line(sb, "base_url", Redaction.userInfo(l.baseUrl()));
        line(sb, "model", l.model());
        line(sb, "image_model", l.imageModel());
        line(sb, "image_size", l.imageSize());
        line(sb, "http_proxy", Redaction.userInfo(l.httpProxy()));
        line(sb, "no_proxy", String.join(",", l.noProxy()));
        line(sb, "openai.connect_timeout", d(l.connectTimeout()));
        line(sb, "openai.read_timeout", d(l.readTimeout()));
        line(sb, "openai.deadline", d(l.deadline()));
        line(sb, "openai.max_retries", l.maxRetries());
        line(sb, "azure_on", l.azure().on());
        line(sb, "azure_resource_name", l.azure().resourceName());
        line(sb, "azure_deployment_name", l.azure().deploymentName());
        line(sb, "azure_api_version", l.azure().apiVersion());
        line(sb, "azure_openai_token", l.azure().token());
        line(sb, "session_timeout", d(ch.sessionTimeout()) + (ch.sessionTimeout().isZero() ? " (never expires)" : ""));
        line(sb, "max_question_len", ch.maxQuestionLen());
        line(sb, "max_answer_len", ch.maxAnswerLen());
        line(sb, "max_text", ch.maxText());
        line(sb, "default_mode", ch.defaultMode());
        line(sb, "system_prompt", ch.systemPrompt().isEmpty() ? "" : ch.systemPrompt().length() + " characters");
        line(sb, "max_request", ch.maxRequest() == 0 ? "0 (unlimited)" : ch.maxRequest());
        line(sb, "quota.zone", ch.quotaZone());
        line(sb, "quota.model_calls_per_minute", ch.modelCallsPerMinute());
        line(sb, "sensitive_words", ch.sensitiveWords().size() + " words");
        line(sb, "help", ch.help().length() + " characters");
        line(sb, "stream_mode", ch.streamMode());
        line(sb, "reply.max_chars", ch.replyMaxChars());
        line(sb, "chat_type", a.chatType());
        line(sb, "allow_groups", list(a.allowGroups()));
        line(sb, "allow_outgoing_groups", list(a.allowOutgoingGroups()));
        line(sb, "allow_users", list(a.allowUsers()));
        line(sb, "deny_users", list(a.denyUsers()));
        line(sb, "vip_users", list(a.vipUsers()));
        line(sb, "admin_users", list(a.adminUsers()));
        line(sb, "app_secrets", a.appSecrets().isEmpty() ? "[]" : a.appSecrets().size() + " set (***)");
        line(sb, "credentials", c.dingtalk().credentials().stream().map(Credential::clientId)
                .map(id -> id + ":***").collect(Collectors.joining(", ", "[", "]")));
        line(sb, "card_template_id", c.dingtalk().cardTemplateId());
        line(sb, "dingtalk.api_host", Redaction.userInfo(c.dingtalk().apiHost()));
        line(sb, "dingtalk.oapi_host", Redaction.userInfo(c.dingtalk().oapiHost()));
        line(sb, "dingtalk.card_update_interval", d(c.dingtalk().cardUpdateInterval()));
        line(sb, "dingtalk.allow_unsigned_callbacks", String.valueOf(c.dingtalk().unsignedCallbacksAccepted()));
        line(sb, "server.host", c.server().host().isEmpty() ? "(every interface)" : c.server().host());
        line(sb, "server.port", c.server().port());
        line(sb, "service_url", Redaction.userInfo(c.server().serviceUrl()));
        line(sb, "history_link_ttl", d(c.server().historyLinkTtl()));
        line(sb, "image_link_ttl", d(c.server().imageLinkTtl()));
        line(sb, "storage.data_dir", c.storage().dataDir());
        line(sb, "storage.fsync", c.storage().fsync().name().toLowerCase());
        line(sb, "lanes.workers", c.lanes().workers());
        line(sb, "lanes.max_queued", c.lanes().maxQueued());
        line(sb, "lanes.max_queued_per_sender", c.lanes().maxQueuedPerSender());
        line(sb, "ops.allow_private_targets", c.allowPrivateTargets());
        line(sb, "shutdown_grace", d(c.shutdownGrace()));
        line(sb, "prices", c.prices().keySet());
        line(sb, "templates", c.templates().stream().map(PromptTemplate::title).collect(Collectors.joining(" "))
                + " — " + c.templatesSource());
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, Object value) {
        sb.append(key).append(": ").append(value).append('\n');
    }

    private static String d(Duration duration) {
        return Durations.format(duration);
    }

    private static String list(Collection<String> items) {
        return items.stream().collect(Collectors.joining(", ", "[", "]"));
    }
}
