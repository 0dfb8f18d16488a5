package dev.dingbot.app.wiring;

import dev.dingbot.app.http.BotMetrics;
import dev.dingbot.core.ChatBot.Admission;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.Usage;
import dev.dingbot.core.port.BotObserver;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Turns what the bot reports into the Prometheus series of {@code /metrics}. */
final class MetricsObserver implements BotObserver {

    private final BotMetrics metrics;
    private final String channel;

    MetricsObserver(BotMetrics metrics, String channel) {
        this.metrics = metrics;
        this.channel = channel;
    }

    @Override
    public void messageAdmitted(Admission admission) {
        metrics.messageReceived(channel);
        switch (admission) {
            case ACCEPTED -> { }
            case DUPLICATE -> metrics.messageDeduplicated();
            case NOT_SAVED -> metrics.messageNotSaved();
            default -> metrics.messageRejected(admission.name().toLowerCase(Locale.ROOT));
        }
    }

    @Override
    public void messageRejected(String reason) {
        metrics.messageRejected(reason);
    }

    @Override
    public void modelCalled(String model, ChatStatus status, Duration latency, Optional<Usage> usage) {
        if (status.hasAnswer()) {
            metrics.modelAnswered(model, latency, usage.map(Usage::promptTokens).orElse(0L),
                    usage.map(Usage::completionTokens).orElse(0L));
        } else {
            metrics.modelFailed(model, status.name().toLowerCase(Locale.ROOT));
        }
    }

    @Override
    public void toolCalled(String server, String tool, String outcome, Duration duration) {
        metrics.toolCalled(server, tool, outcome, duration);
    }

    @Override
    public void messageTakenOver() {
        metrics.messageTakenOver();
    }

    @Override
    public void quotaHit() {
        metrics.quotaHit();
    }
}
