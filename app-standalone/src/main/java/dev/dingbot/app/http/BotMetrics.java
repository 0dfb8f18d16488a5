package dev.dingbot.app.http;

import java.time.Duration;
import java.util.function.IntSupplier;

/** The bot's own metrics by name, so call sites say what happened rather than which series to bump. */
public final class BotMetrics {

    private static final double[] LATENCY_SECONDS = {0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300};
    private static final double[] TOOL_SECONDS = {0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60};

    private final Metrics.Counter received;
    private final Metrics.Counter deduplicated;
    private final Metrics.Counter rejected;
    private final Metrics.Counter notSaved;
    private final Metrics.Histogram modelLatency;
    private final Metrics.Counter modelTokens;
    private final Metrics.Counter modelErrors;
    private final Metrics.Counter cardUpdates;
    private final Metrics.Counter reconnects;
    private final Metrics.Counter quotaHits;
    private final Metrics.Counter connectFailures;
    private final Metrics.Counter callbacksRefused;
    private final Metrics.Counter takeovers;
    private final Metrics.Counter toolCalls;
    private final Metrics.Histogram toolDuration;

    private final Metrics registry;
    private final Metrics.SetGauge providerOpen;
    private final Metrics.Counter failovers;

    public BotMetrics(Metrics registry) {
        this.registry = registry;
        received = registry.counter("dingbot_messages_received_total", "Messages received", "channel");
        deduplicated = registry.counter("dingbot_messages_deduplicated_total", "Redelivered messages dropped");
        rejected = registry.counter("dingbot_messages_rejected_total", "Messages refused, by reason", "reason");
        notSaved = registry.counter("dingbot_messages_not_saved_total",
                "Messages not taken because the inbox could not save them (full disk, I/O error)");
        modelLatency = registry.histogram("dingbot_model_latency_seconds", "Time to a complete model answer",
                LATENCY_SECONDS, "model");
        modelTokens = registry.counter("dingbot_model_tokens_total", "Tokens used, by model and kind",
                "model", "kind");
        modelErrors = registry.counter("dingbot_model_errors_total", "Failed model calls, by model and reason",
                "model", "reason");
        cardUpdates = registry.counter("dingbot_card_updates_total", "AI card updates sent, by outcome", "outcome");
        reconnects = registry.counter("dingbot_stream_reconnects_total", "Stream reconnections, by app",
                "client_id");
        quotaHits = registry.counter("dingbot_quota_hits_total", "Questions refused by the daily limit");
        connectFailures = registry.counter("dingbot_stream_connect_failures_total",
                "Failed attempts to open a Stream connection, by app and reason", "client_id", "reason");
        callbacksRefused = registry.counter("dingbot_callbacks_refused_total",
                "HTTP callbacks answered with an error status (unsigned, forged, stale, malformed), by status",
                "status");
        takeovers = registry.counter("dingbot_messages_taken_over_total",
                "Messages of conversations no live instance was answering (one stopped), taken over by this instance");
        toolCalls = registry.counter("dingbot_tool_calls_total", "Tool calls the model made, by server, tool and outcome",
                "server", "tool", "outcome");
        providerOpen = registry.setGauge("dingbot_provider_breaker_open",
                "1 while a model provider is left out after failing too often (0.5 while it is tried again), else 0",
                "provider");
        failovers = registry.counter("dingbot_provider_failovers_total",
                "Questions a model provider failed and the next one was asked, by provider and reason", "from", "to",
                "reason");
        toolDuration = registry.histogram("dingbot_tool_call_duration_seconds", "Time one tool call took, by server",
                TOOL_SECONDS, "server");
    }

    /** The messages this instance has queued or is answering, read at each scrape. */
    public void inFlightFrom(IntSupplier inFlight) {
        registry.gauge("dingbot_messages_in_flight", "Messages this instance has queued or is answering",
                inFlight::getAsInt);
    }

    /** @param state {@code closed}, {@code half_open} or {@code open} */
    public void providerBreaker(String provider, String state) {
        providerOpen.set(switch (state) {
            case "open" -> 1;
            case "half_open" -> 0.5;
            default -> 0;
        }, provider);
    }

    public void providerFailedOver(String from, String to, String reason) {
        failovers.inc(from, to, reason);
    }

    public void messageTakenOver() {
        takeovers.inc();
    }

    /** @param outcome {@code ok}, {@code tool_error}, {@code timeout}, {@code unavailable}, … */
    public void toolCalled(String server, String tool, String outcome, Duration took) {
        toolCalls.inc(server, tool, outcome);
        toolDuration.observe(took.toNanos() / 1e9, server);
    }

    /** @param channel e.g. {@code stream}, {@code http}, {@code console} */
    public void messageReceived(String channel) {
        received.inc(channel);
    }

    public void messageDeduplicated() {
        deduplicated.inc();
    }

    public void messageNotSaved() {
        notSaved.inc();
    }

    /** @param reason e.g. {@code stale}, {@code busy}, {@code sensitive}, {@code access}, {@code chat_type} */
    public void messageRejected(String reason) {
        rejected.inc(reason);
    }

    public void modelAnswered(String model, Duration latency, long promptTokens, long completionTokens) {
        modelLatency.observe(latency.toNanos() / 1e9, model);
        modelTokens.add(promptTokens, model, "prompt");
        modelTokens.add(completionTokens, model, "completion");
    }

    public void modelFailed(String model, String reason) {
        modelErrors.inc(model, reason);
    }

    /** @param outcome {@code ok} or {@code failed} */
    public void cardUpdated(String outcome) {
        cardUpdates.inc(outcome);
    }

    public void streamReconnected(String clientId) {
        reconnects.inc(clientId);
    }

    public void quotaHit() {
        quotaHits.inc();
    }

    /** @param reason {@code rejected} (the credentials) or {@code unreachable} */
    public void streamConnectFailed(String clientId, String reason) {
        connectFailures.inc(clientId, reason);
    }

    public void callbackRefused(int status) {
        callbacksRefused.inc(Integer.toString(status));
    }
}
