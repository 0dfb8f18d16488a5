package dev.dingbot.core.pipeline;

import dev.dingbot.core.port.BotObserver;

import java.util.List;

/**
 * One step of the pipeline: it finishes the message (it replied, or decided not to) or passes it on to the next.
 * The steps and their order are listed once, in {@link Pipeline#assemble}.
 */
interface Step {

    enum Outcome { PASS_ON, FINISHED }

    Outcome apply(MessageContext message);

    /** Runs {@code steps} in order until one finishes the message; PASS_ON when none did. */
    static Outcome inOrder(List<Step> steps, MessageContext message) {
        for (Step step : steps) {
            if (step.apply(message) == Outcome.FINISHED) return Outcome.FINISHED;
        }
        return Outcome.PASS_ON;
    }

    /** Refuses the message with {@code text}, counted under {@code reason}. */
    static Outcome refuse(MessageContext message, BotObserver observer, String reason, String text) {
        observer.messageRejected(reason);
        message.responder().markdown(text);
        return Outcome.FINISHED;
    }
}
