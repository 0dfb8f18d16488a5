package dev.dingbot.core.port;

import dev.dingbot.core.ChatBot;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.Usage;

import java.time.Duration;
import java.util.Optional;

/** Hears what the bot does, for metrics. Calls are made on the bot's threads and must return at once. */
public interface BotObserver {

    /** A message was handed in and became {@code admission}. */
    default void messageAdmitted(ChatBot.Admission admission) {
    }

    /** A message was answered with a refusal instead of an answer; {@code reason} is a short stable word. */
    default void messageRejected(String reason) {
    }

    /** A call to the model ended. */
    default void modelCalled(String model, ChatStatus status, Duration latency, Optional<Usage> usage) {
    }

    /**
     * A tool call ended.
     *
     * @param server  the tool's server ({@link dev.dingbot.core.model.ToolDefinition#BUILT_IN} for the bot's own)
     * @param tool    its name at that server
     * @param outcome {@link dev.dingbot.core.model.ToolResult.Outcome#word()}
     */
    default void toolCalled(String server, String tool, String outcome, Duration duration) {
    }

    /** This instance took over a message of a conversation no live instance was answering (one died). */
    default void messageTakenOver() {
    }

    /** A user hit the daily quota. */
    default void quotaHit() {
    }

    BotObserver NONE = new BotObserver() { };
}
