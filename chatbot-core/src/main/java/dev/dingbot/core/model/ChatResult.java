package dev.dingbot.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one call to a model, as a value.
 *
 * @param text            the answer (possibly partial, see {@link ChatStatus#hasAnswer()}); never null
 * @param reasoning       reasoning text the model streamed apart from the answer; never shown in chat
 * @param usage           token usage when the provider reported it
 * @param providerMessage the provider's own words for a failure, the secrets the adapter knows masked: for the log
 *                        and an admin's reply, never for other users
 * @param toolCalls       the tools the model wants called before it answers (status {@link ChatStatus#OK}); the
 *                        text beside them, if any, is not the answer yet
 * @param provider        the name of the provider that answered, where a chain of them stands behind the model;
 *                        empty otherwise
 * @param model           the model that answered, where the chat model says (a chain does); empty otherwise: then
 *                        it is the one the request asked for, or the default
 */
public record ChatResult(ChatStatus status, String text, String reasoning, Optional<Usage> usage, String providerMessage,
                         List<ToolCall> toolCalls, String provider, String model) {

    public ChatResult {
        Objects.requireNonNull(status, "status");
        text = Objects.requireNonNullElse(text, "");
        reasoning = Objects.requireNonNullElse(reasoning, "");
        usage = Objects.requireNonNullElse(usage, Optional.empty());
        providerMessage = Objects.requireNonNullElse(providerMessage, "");
        toolCalls = List.copyOf(Objects.requireNonNullElse(toolCalls, List.of()));
        provider = Objects.requireNonNullElse(provider, "");
        model = Objects.requireNonNullElse(model, "");
    }

    public ChatResult(ChatStatus status, String text, String reasoning, Optional<Usage> usage, String providerMessage,
                      List<ToolCall> toolCalls) {
        this(status, text, reasoning, usage, providerMessage, toolCalls, "", "");
    }

    public ChatResult(ChatStatus status, String text, String reasoning, Optional<Usage> usage, String providerMessage) {
        this(status, text, reasoning, usage, providerMessage, List.of());
    }

    public static ChatResult ok(String text, Usage usage) {
        return new ChatResult(ChatStatus.OK, text, "", Optional.ofNullable(usage), "");
    }

    public static ChatResult failed(ChatStatus status, String providerMessage) {
        return new ChatResult(status, "", "", Optional.empty(), providerMessage);
    }

    /** This result as answered by {@code model} at {@code provider}; the usage, if any, is counted for that model. */
    public ChatResult answeredBy(String provider, String model) {
        Optional<Usage> counted = usage.map(u -> new Usage(model, u.promptTokens(), u.completionTokens(), provider));
        return new ChatResult(status, text, reasoning, counted, providerMessage, toolCalls, provider, model);
    }

    public boolean isOk() {
        return status == ChatStatus.OK;
    }

    /** The model asked for tools instead of answering. */
    public boolean wantsTools() {
        return status == ChatStatus.OK && !toolCalls.isEmpty();
    }
}
