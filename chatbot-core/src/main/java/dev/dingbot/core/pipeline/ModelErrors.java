package dev.dingbot.core.pipeline;

import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.text.Redaction;

import java.util.List;

/**
 * Short, stable Chinese explanations of model outcomes. The provider's own words follow only for an admin, with
 * whatever looks like a credential masked: a provider's error text may echo the request's key, internal addresses
 * or proxy credentials, and a chat is no place for them.
 */
final class ModelErrors {

    private ModelErrors() {
    }

    /** The original's error reply: {@code [Wrong] 请求 OpenAI 失败了\n\n> 错误信息:<what went wrong>}. */
    static String reply(ChatResult result, boolean forAdmin) {
        return ReplyTexts.LLM_ERROR_PREFIX + describe(result.status(), result.providerMessage(), forAdmin);
    }

    static String describe(ChatStatus status, String providerMessage, boolean forAdmin) {
        String what = switch (status) {
            case SERVER_ERROR -> "模型服务暂时出错，请稍后再试";
            case RATE_LIMITED -> "请求太频繁，被模型服务限流了，请稍后再试";
            case QUOTA_EXHAUSTED -> "模型服务的额度已用完，请联系管理员";
            case CONTEXT_TOO_LONG -> "对话内容超过了模型的上下文长度";
            case CONTENT_FILTERED -> "问题或回答触发了内容安全策略";
            case AUTH_FAILED -> "模型服务鉴权失败，请管理员检查 api_key";
            case MODEL_NOT_FOUND -> "模型不存在或无权使用，请管理员检查 model 配置";
            case BAD_REQUEST -> "模型服务拒绝了这个请求";
            case NETWORK -> "连接模型服务失败";
            case TIMEOUT -> "模型服务响应超时";
            case INTERRUPTED -> "回答中断了";
            case OK, TRUNCATED -> "没有得到回答";
        };
        return !forAdmin || providerMessage.isBlank() ? what
                : what + "：" + Redaction.secrets(providerMessage, List.of());
    }

    /** A note under an answer that did not end normally; empty for a whole answer. */
    static String note(ChatResult result, boolean forAdmin) {
        return switch (result.status()) {
            case TRUNCATED -> "\n\n> ⚠️ 回答超出了长度限制，后面的内容被截断了。";
            case INTERRUPTED -> "\n\n> ⚠️ " + describe(ChatStatus.INTERRUPTED, result.providerMessage(), forAdmin);
            case CONTENT_FILTERED -> "\n\n> ⚠️ 回答触发了内容安全策略，后面的内容被过滤了。";
            default -> "";
        };
    }
}
