package dev.dingbot.core.pipeline;

import dev.dingbot.core.model.ChatListener;
import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.Usage;
import dev.dingbot.core.port.BotObserver;
import dev.dingbot.core.port.ChatModel;
import dev.dingbot.core.port.StreamingReply;
import dev.dingbot.core.port.UsageLedger;
import dev.dingbot.core.settings.BotSettings;
import dev.dingbot.core.settings.ConversationSettings;
import dev.dingbot.core.settings.ReplySettings;
import dev.dingbot.core.text.SensitiveWords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The last step: puts the question to the model and delivers what came of it. Rounds of requests (today one, and
 * one more with half the context when the prompt was too long), each streamed into a card where the channel has
 * one; the last result classified into an answer or a failure; the reply masked, formatted and split; one line
 * for the operator.
 */
final class ModelLoop implements Step {

    private static final Logger log = LoggerFactory.getLogger(ModelLoop.class);

    private final ChatModel model;
    private final ConversationSettings conversation;
    private final ReplySettings replies;
    private final SensitiveWords words;
    private final HistoryLog history;
    private final Sessions sessions;
    private final UsageLedger usage;
    private final DailyQuota quota;
    private final BotObserver observer;
    private final Clock clock;

    ModelLoop(BotSettings settings, BotPorts ports, SensitiveWords words, HistoryLog history, Sessions sessions,
              DailyQuota quota) {
        this.model = ports.chatModel();
        this.conversation = settings.conversation();
        this.replies = settings.replies();
        this.words = words;
        this.history = history;
        this.sessions = sessions;
        this.usage = ports.usage();
        this.quota = quota;
        this.observer = ports.observer();
        this.clock = ports.clock();
    }

    /** The model's last result, and the context that went with it. */
    private record Rounds(ChatResult result, List<ChatTurn> context, boolean contextShortened) { }

    /** What the user is told. */
    private sealed interface Verdict {
        record Answer(String text) implements Verdict { }

        /** @param resetContext the context is why it failed: it is cleared, and the user told so */
        record Failed(String reply, String outcome, boolean resetContext) implements Verdict { }
    }

    @Override
    public Outcome apply(MessageContext message) {
        Output output = open(message);
        Rounds rounds = converse(message, message.conversation().context(), output);
        Verdict verdict = classify(rounds, message);
        boolean delivered = deliver(verdict, rounds, message, output);
        report(message.message(), message.conversation().started(), rounds.result(), verdict, delivered);
        return Outcome.FINISHED;
    }

    private Output open(MessageContext message) {
        String header = ReplyTexts.cardHeader(message.question());
        Optional<StreamingReply> card = replies.streamAnswers()
                ? message.responder().channel().openStream(header + ReplyTexts.THINKING)
                : Optional.empty();
        return new Output(message.responder(), card, header);
    }

    /** The rounds of one question; a tool call would be one more round here. */
    private Rounds converse(MessageContext message, List<ChatTurn> context, Output output) {
        ChatResult result = call(message, context, output);
        if (result.status() != ChatStatus.CONTEXT_TOO_LONG || context.isEmpty()) {
            return new Rounds(result, context, false);
        }
        List<ChatTurn> laterHalf = context.subList(context.size() / 2 + context.size() % 2, context.size());
        return new Rounds(call(message, laterHalf, output), laterHalf, true);
    }

    /** One round: the request made, the model called, the call counted. */
    private ChatResult call(MessageContext message, List<ChatTurn> context, Output output) {
        ChatRequest request = request(message, context);
        Instant start = clock.instant();
        ChatResult result;
        if (output.streamsIntoACard()) {
            result = model.stream(request, output.feed());
        } else if (replies.streamAnswers()) {
            result = model.stream(request, ChatListener.IGNORE);
        } else {
            result = model.complete(request);
        }
        observer.modelCalled(model.modelName(), result.status(), Duration.between(start, clock.instant()), result.usage());
        result.usage().ifPresent(u -> usage.record(quota.today(), u));
        return result;
    }

    private ChatRequest request(MessageContext message, List<ChatTurn> context) {
        List<ChatTurn> turns = new ArrayList<>();
        if (!conversation.systemPrompt().isBlank()) turns.add(ChatTurn.system(conversation.systemPrompt()));
        turns.addAll(context);
        turns.add(message.conversation().ask());
        return new ChatRequest(turns, message.message().sender().identifier(), conversation.maxAnswerTokens());
    }

    private Verdict classify(Rounds rounds, MessageContext message) {
        ChatResult result = rounds.result();
        boolean admin = message.admin();
        if (result.status() == ChatStatus.CONTEXT_TOO_LONG && rounds.contextShortened()) {
            return new Verdict.Failed(ModelErrors.reply(result, admin) + ReplyTexts.CONTEXT_RESET_HINT,
                    outcome(result), true);
        }
        if (!result.status().hasAnswer()) {
            return new Verdict.Failed(ModelErrors.reply(result, admin), outcome(result), false);
        }
        message.modelAnswered();
        String answer = ReasoningFilter.strip(result.text()).strip();
        if (answer.isEmpty()) {
            return new Verdict.Failed(ReplyTexts.EMPTY_ANSWER + ModelErrors.note(result, admin), "empty", false);
        }
        return new Verdict.Answer(answer);
    }

    /** True once the user has the reply. */
    private boolean deliver(Verdict verdict, Rounds rounds, MessageContext message, Output output) {
        MessageContext.Conversation chosen = message.conversation();
        String key = message.message().laneKey();
        if (verdict instanceof Verdict.Failed failure) {
            if (failure.resetContext()) sessions.clearContext(key, chosen.session());
            return output.failure(failure.reply());
        }
        String answer = ((Verdict.Answer) verdict).text();
        ChatResult result = rounds.result();
        long answerId = history.answer(message.message(), answer, chosen.questionId());
        if (chosen.withContext()
                && (result.status() == ChatStatus.OK || result.status() == ChatStatus.TRUNCATED)) {
            List<ChatTurn> remembered = new ArrayList<>(rounds.context());
            remembered.add(ChatTurn.user(message.question()));
            remembered.add(ChatTurn.assistant(answer));
            sessions.remember(key, chosen.session(), remembered, answerId);
        }
        return output.answer(render(answer) + ModelErrors.note(result, message.admin()));
    }

    /** One line per answered question for the operator: what it took and how it ended, never its content. */
    private void report(IncomingMessage message, Instant start, ChatResult result, Verdict verdict,
                        boolean delivered) {
        long millis = Duration.between(start, clock.instant()).toMillis();
        long prompt = result.usage().map(Usage::promptTokens).orElse(0L);
        long completion = result.usage().map(Usage::completionTokens).orElse(0L);
        String outcome = verdict instanceof Verdict.Failed failure ? failure.outcome() : outcome(result);
        if (delivered) {
            log.info("answered {} in {} ms: model {}, tokens {}+{}, {}", message.msgId(), millis, model.modelName(),
                    prompt, completion, outcome);
        } else {
            log.warn("the answer to {} could not be delivered ({} ms: model {}, tokens {}+{}, {})", message.msgId(),
                    millis, model.modelName(), prompt, completion, outcome);
        }
    }

    private static String outcome(ChatResult result) {
        return result.status().name().toLowerCase(Locale.ROOT);
    }

    private String render(String answer) {
        return MarkdownFormatter.format(words.mask(answer));
    }

    /** Where the reply goes: into the card opened for it, or as messages when there is none or it broke. */
    private final class Output {
        private final Responder responder;
        private final Optional<StreamingReply> card;
        private final String header;

        Output(Responder responder, Optional<StreamingReply> card, String header) {
            this.responder = responder;
            this.card = card;
            this.header = header;
        }

        boolean streamsIntoACard() {
            return card.isPresent();
        }

        boolean failure(String text) {
            return card.isPresent() && card.get().fail(header + text) || responder.markdown(text);
        }

        boolean answer(String shown) {
            return card.isPresent() && card.get().finish(header + shown)
                    || responder.markdownParts(AnswerSplitter.split(shown, replies.maxReplyChars()));
        }

        ChatListener feed() {
            return new CardFeed(card.orElseThrow(), header);
        }
    }

    /** Shows the answer in the card as it is written, reasoning hidden, masked and formatted like the final one. */
    private final class CardFeed implements ChatListener {
        private final StreamingReply card;
        private final String header;
        private final StringBuilder text = new StringBuilder();

        CardFeed(StreamingReply card, String header) {
            this.card = card;
            this.header = header;
        }

        @Override
        public void onText(String delta) {
            text.append(delta);
            String visible = ReasoningFilter.visiblePart(text.toString());
            if (!visible.isBlank()) card.update(header + render(visible));
        }
    }
}
