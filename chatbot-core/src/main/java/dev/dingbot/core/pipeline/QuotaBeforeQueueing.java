package dev.dingbot.core.pipeline;

import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.port.BotObserver;
import dev.dingbot.core.port.ReplyChannel;

import java.util.Optional;

/**
 * Whether a message would go to a model while its sender has used up today's quota, so that intake can refuse it
 * before it takes a queue slot. Cheap, and counts nothing: a message let through is checked and counted by the
 * quota step, as before.
 */
final class QuotaBeforeQueueing {

    private final DailyQuota quota;
    private final AccessPolicy access;
    private final ModelQuestions questions;
    private final BotObserver observer;

    QuotaBeforeQueueing(DailyQuota quota, AccessPolicy access, ModelQuestions questions, BotObserver observer) {
        this.quota = quota;
        this.access = access;
        this.questions = questions;
        this.observer = observer;
    }

    Optional<Runnable> refusal(IncomingMessage message, ReplyChannel channel) {
        if (!quota.usedUp(message.sender().identifier(), access.isVip(message.sender().staffId()))
                || !questions.asksAModel(message)) {
            return Optional.empty();
        }
        observer.quotaHit(); // counted as rejected by intake's admission
        String reply = ReplyTexts.quotaReached(message.sender().nick());
        return Optional.of(() -> new Responder(message, channel).markdown(reply));
    }
}
