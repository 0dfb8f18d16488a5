package dev.dingbot.core.pipeline;

import dev.dingbot.core.model.ChatListener;
import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.Mode;
import dev.dingbot.core.model.Role;
import dev.dingbot.core.model.Session;
import dev.dingbot.core.model.Usage;
import dev.dingbot.core.port.BotObserver;
import dev.dingbot.core.port.ChatModel;
import dev.dingbot.core.port.StreamingReply;
import dev.dingbot.core.port.UsageLedger;
import dev.dingbot.core.settings.ConversationSettings;
import dev.dingbot.core.settings.ReplySettings;
import dev.dingbot.core.text.AnswerSplitter;
import dev.dingbot.core.text.MarkdownFormatter;
import dev.dingbot.core.text.ReasoningFilter;
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
 * Puts a question to the model and delivers the answer: context and trimming, the question log, streaming into a
 * card where the channel has one, masking, formatting, splitting.
 */
final class Answerer {

    private static final Logger log = LoggerFactory.getLogger(Answerer.class);

    private final ChatModel model;
    private final ConversationSettings conversation;
    private final ReplySettings replies;
    private final SensitiveWords words;
    private final HistoryLog history;
    private final Sessions sessions;
    private final UsageLedger usage;
    private final DailyQuota quota;
    private final AccessPolicy access;
    private final BotObserver observer;
    private final Clock clock;

    Answerer(ChatModel model, ConversationSettings conversation, ReplySettings replies, SensitiveWords words,
             HistoryLog history, Sessions sessions, UsageLedger usage, DailyQuota quota, AccessPolicy access,
             BotObserver observer, Clock clock) {
        this.model = model;
        this.conversation = conversation;
        this.replies = replies;
        this.words = words;
        this.history = history;
        this.sessions = sessions;
        this.usage = usage;
        this.quota = quota;
        this.access = access;
        this.observer = observer;
        this.clock = clock;
    }

    void answer(IncomingMessage message, Responder responder, String question, List<Image> images,
                DailyQuota.Ticket ticket) {
        Instant start = clock.instant();
        String key = message.laneKey();
        Session session = sessions.current(key);
        boolean admin = access.isAdmin(message.sender().staffId());
        ChatTurn ask = ChatTurn.user(question, images);
        if (tooLong(ask)) {
            ticket.refund();
            sessions.clearContext(key, session);
            responder.markdown(ReplyTexts.questionTooLong(conversation.maxQuestionTokens()));
            return;
        }
        sessions.touch(key, session);
        boolean withContext = session.mode() == Mode.CONTEXT;
        long questionId = history.question(message, question, withContext ? session.lastAnswerId() : 0);
        String header = ReplyTexts.cardHeader(question);
        Optional<StreamingReply> card = replies.streamAnswers()
                ? responder.channel().openStream(header + ReplyTexts.THINKING)
                : Optional.empty();

        List<ChatTurn> context = fit(withContext ? session.context() : List.of(), ask);
        ChatResult result = call(message, context, ask, card, header);
        if (result.status() == ChatStatus.CONTEXT_TOO_LONG && !context.isEmpty()) {
            context = context.subList(context.size() / 2 + context.size() % 2, context.size());
            result = call(message, context, ask, card, header);
            if (result.status() == ChatStatus.CONTEXT_TOO_LONG) {
                sessions.clearContext(key, session);
                ticket.refund();
                report(message, start, result, outcome(result), deliverFailure(responder, card, header,
                        ModelErrors.reply(result, admin) + ReplyTexts.CONTEXT_RESET_HINT));
                return;
            }
        }
        if (!result.status().hasAnswer()) {
            ticket.refund();
            report(message, start, result, outcome(result),
                    deliverFailure(responder, card, header, ModelErrors.reply(result, admin)));
            return;
        }
        String answer = ReasoningFilter.strip(result.text()).strip();
        if (answer.isEmpty()) {
            report(message, start, result, "empty", deliverFailure(responder, card, header,
                    ReplyTexts.EMPTY_ANSWER + ModelErrors.note(result, admin)));
            return;
        }
        long answerId = history.answer(message, answer, questionId);
        if (withContext && (result.status() == ChatStatus.OK || result.status() == ChatStatus.TRUNCATED)) {
            List<ChatTurn> remembered = new ArrayList<>(context);
            remembered.add(ChatTurn.user(question));
            remembered.add(ChatTurn.assistant(answer));
            sessions.remember(key, session, remembered, answerId);
        }
        String shown = render(answer) + ModelErrors.note(result, admin);
        boolean delivered = card.isPresent() && card.get().finish(header + shown)
                || responder.markdownParts(AnswerSplitter.split(shown, replies.maxReplyChars()));
        report(message, start, result, outcome(result), delivered);
    }

    /** One line per answered question for the operator: what it took and how it ended, never its content. */
    private void report(IncomingMessage message, Instant start, ChatResult result, String outcome, boolean delivered) {
        long millis = Duration.between(start, clock.instant()).toMillis();
        long prompt = result.usage().map(Usage::promptTokens).orElse(0L);
        long completion = result.usage().map(Usage::completionTokens).orElse(0L);
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

    /** Checked in characters first: counting the tokens of a huge question costs seconds of CPU. */
    private boolean tooLong(ChatTurn ask) {
        return ask.text().length() > conversation.maxQuestionChars()
                || model.countTokens(List.of(ask)) - model.countTokens(List.of()) > conversation.maxQuestionTokens();
    }

    private ChatResult call(IncomingMessage message, List<ChatTurn> context, ChatTurn ask,
                            Optional<StreamingReply> card, String header) {
        List<ChatTurn> turns = new ArrayList<>();
        if (!conversation.systemPrompt().isBlank()) turns.add(ChatTurn.system(conversation.systemPrompt()));
        turns.addAll(context);
        turns.add(ask);
        ChatRequest request = new ChatRequest(turns, message.sender().identifier(), conversation.maxAnswerTokens());
        Instant start = clock.instant();
        ChatResult result;
        if (card.isPresent()) {
            result = model.stream(request, new CardFeed(card.get(), header));
        } else if (replies.streamAnswers()) {
            result = model.stream(request, ChatListener.IGNORE);
        } else {
            result = model.complete(request);
        }
        observer.modelCalled(model.modelName(), result.status(), Duration.between(start, clock.instant()), result.usage());
        result.usage().ifPresent(u -> usage.record(quota.today(), u));
        return result;
    }

    /** Drops the oldest turns until the prompt leaves room for the answer; the question itself always stays. */
    private List<ChatTurn> fit(List<ChatTurn> context, ChatTurn ask) {
        if (context.isEmpty()) return context;
        int reserved = Math.min(conversation.maxAnswerTokens(), conversation.maxContextTokens() / 2);
        int budget = conversation.maxContextTokens() - reserved;
        int empty = model.countTokens(List.of());
        List<ChatTurn> fixed = new ArrayList<>();
        if (!conversation.systemPrompt().isBlank()) fixed.add(ChatTurn.system(conversation.systemPrompt()));
        fixed.add(ask);
        int total = model.countTokens(fixed);
        int[] costs = new int[context.size()];
        for (int i = 0; i < context.size(); i++) {
            costs[i] = model.countTokens(List.of(context.get(i))) - empty;
            total += costs[i];
        }
        int first = 0;
        while (first < context.size() && total > budget) {
            total -= costs[first++];
        }
        // never start the context with an orphaned answer
        if (first < context.size() && context.get(first).role() == Role.ASSISTANT) first++;
        return List.copyOf(context.subList(first, context.size()));
    }

    private String render(String answer) {
        return MarkdownFormatter.format(words.mask(answer));
    }

    /** True once the user has the failure's text. */
    private static boolean deliverFailure(Responder responder, Optional<StreamingReply> card, String header,
                                          String text) {
        return card.isPresent() && card.get().fail(header + text) || responder.markdown(text);
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
