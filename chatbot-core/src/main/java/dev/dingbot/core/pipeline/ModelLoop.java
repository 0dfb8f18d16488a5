package dev.dingbot.core.pipeline;

import dev.dingbot.core.model.ChatListener;
import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.ToolCall;
import dev.dingbot.core.model.ToolDefinition;
import dev.dingbot.core.model.ToolResult;
import dev.dingbot.core.model.Usage;
import dev.dingbot.core.port.BotObserver;
import dev.dingbot.core.port.ChatModel;
import dev.dingbot.core.port.StreamingReply;
import dev.dingbot.core.port.UsageLedger;
import dev.dingbot.core.settings.BotSettings;
import dev.dingbot.core.settings.ConversationSettings;
import dev.dingbot.core.settings.ReplySettings;
import dev.dingbot.core.settings.ToolSettings;
import dev.dingbot.core.text.SensitiveWords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What follows the steps when none finished the message: puts the question to the model and delivers what came of
 * it. Rounds of requests (one more with half the context when the prompt was too long; one more after each turn of
 * tool calls), each streamed into a card where the channel has one; the last result classified into an answer or a
 * failure; the reply masked, formatted and split; one line for the operator.
 */
final class ModelLoop {

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
    private final ToolRunner tools;
    private final ToolSettings toolSettings;

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
        this.toolSettings = settings.tools();
        this.tools = new ToolRunner(ports.tools(), toolSettings, ports.toolThreads(), observer, clock);
    }

    /**
     * The model's last result, the context that went with it, the tokens of every round, whether the tool rounds
     * ran out while the model still wanted tools, and who gave the last result (model, and provider where a chain
     * has several).
     */
    private record Rounds(ChatResult result, List<ChatTurn> context, boolean contextShortened, Optional<Usage> usage,
                          boolean toolRoundsExhausted, String answeredBy) { }

    /** What the user is told. */
    private sealed interface Verdict {
        record Answer(String text) implements Verdict { }

        /** @param resetContext the context is why it failed: it is cleared, and the user told so */
        record Failed(String reply, String outcome, boolean resetContext) implements Verdict { }
    }

    /**
     * Answers the message. While the model streams, no thread waits for it where the model can stream without one
     * ({@link ChatModel#streamAsync}): each round, and the delivery after the last, continue on the thread that
     * completed the round's call.
     */
    CompletableFuture<Void> answer(MessageContext message) {
        Output output = open(message);
        return new Exchange(message, output).rounds().thenAccept(rounds -> {
            Verdict verdict = classify(rounds, message);
            boolean delivered = deliver(verdict, rounds, message, output);
            report(message.message(), message.conversation().started(), rounds, verdict, delivered);
        });
    }

    private Output open(MessageContext message) {
        String header = ReplyTexts.cardHeader(message.question());
        Optional<StreamingReply> card = replies.streamAnswers()
                ? message.responder().channel().openStream(header + ReplyTexts.THINKING)
                : Optional.empty();
        return new Output(message.responder(), card, header);
    }

    /**
     * The rounds of one question: the first request (again with the later half of the context when it was too
     * long), then as long as the model asks for tools and rounds are left, the calls run and the model asked again
     * with their results; the request after the last round offers no tools. One round runs at a time, so its fields
     * are never touched by two threads at once.
     */
    private final class Exchange {
        private final MessageContext message;
        private final Output output;
        private final List<ToolDefinition> offered;
        private final TokenSum tokens = new TokenSum();
        private List<ChatTurn> context;
        private boolean shortened;
        private ChatRequest request;
        private List<ChatTurn> turns;
        private int round;

        Exchange(MessageContext message, Output output) {
            this.message = message;
            this.output = output;
            this.offered = message.conversation().tools();
            this.context = message.conversation().context();
        }

        CompletableFuture<Rounds> rounds() {
            request = request(message, context, offered);
            return ask(request).thenCompose(this::afterFirstRequest);
        }

        private CompletableFuture<Rounds> afterFirstRequest(ChatResult result) {
            if (result.status() == ChatStatus.CONTEXT_TOO_LONG && !context.isEmpty() && !shortened) {
                context = context.subList(context.size() / 2 + context.size() % 2, context.size());
                shortened = true;
                request = request(message, context, offered);
                return ask(request).thenCompose(this::afterFirstRequest);
            }
            turns = new ArrayList<>(request.turns());
            return afterRound(result);
        }

        private CompletableFuture<Rounds> afterRound(ChatResult result) {
            if (!result.wantsTools() || round >= toolSettings.maxRounds()) {
                return CompletableFuture.completedFuture(finished(result));
            }
            round++;
            turns.add(ChatTurn.assistantCalling(result.text(), result.toolCalls()));
            List<ToolResult> results = tools.run(message.toolAsker(), result.toolCalls(), offered, output);
            for (int i = 0; i < results.size(); i++) {
                turns.add(ChatTurn.toolResult(result.toolCalls().get(i).id(), tools.forModel(results.get(i))));
            }
            List<ToolDefinition> next = round < toolSettings.maxRounds() ? offered : List.of();
            return ask(new ChatRequest(turns, request.user(), request.maxAnswerTokens(), next, request.model()))
                    .thenCompose(this::afterRound);
        }

        private CompletableFuture<ChatResult> ask(ChatRequest next) {
            return call(next, output).thenApply(tokens::add);
        }

        private Rounds finished(ChatResult result) {
            String model = answering(result, request);
            String answeredBy = result.provider().isEmpty() ? model : model + " at " + result.provider();
            return new Rounds(result, context, shortened, tokens.total(), round == toolSettings.maxRounds(),
                    answeredBy);
        }
    }

    /** One call of the model: streamed into the card when there is one, counted in the metrics and the ledger. */
    private CompletableFuture<ChatResult> call(ChatRequest request, Output output) {
        Instant start = clock.instant();
        CompletableFuture<ChatResult> result;
        if (output.streamsIntoACard()) {
            result = model.streamAsync(request, output.feed());
        } else if (replies.streamAnswers()) {
            result = model.streamAsync(request, ChatListener.IGNORE);
        } else {
            result = CompletableFuture.completedFuture(model.complete(request));
        }
        return result.thenApply(answered -> {
            observer.modelCalled(answering(answered, request), answered.status(),
                    Duration.between(start, clock.instant()), answered.usage());
            answered.usage().ifPresent(u -> usage.record(quota.today(), u));
            return answered;
        });
    }

    /** The model that answered: the result's, else the one asked for, else the default. */
    private String answering(ChatResult result, ChatRequest request) {
        return result.model().isEmpty() ? request.modelOr(model.modelName()) : result.model();
    }

    private ChatRequest request(MessageContext message, List<ChatTurn> context, List<ToolDefinition> offered) {
        List<ChatTurn> turns = new ArrayList<>();
        if (!conversation.systemPrompt().isBlank()) turns.add(ChatTurn.system(conversation.systemPrompt()));
        turns.addAll(context);
        message.conversation().reference().turn().ifPresent(turns::add);
        turns.add(message.conversation().ask());
        return new ChatRequest(turns, message.message().sender().identifier(), conversation.maxAnswerTokens(), offered,
                message.conversation().session().model());
    }

    /** The tokens of all rounds of one question, for the operator's line. */
    private static final class TokenSum {
        private Usage sum;

        ChatResult add(ChatResult result) {
            result.usage().ifPresent(u -> sum = sum == null ? u
                    : new Usage(u.model(), sum.promptTokens() + u.promptTokens(),
                            sum.completionTokens() + u.completionTokens(), u.provider()));
            return result;
        }

        Optional<Usage> total() {
            return Optional.ofNullable(sum);
        }
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
        String toolNote = rounds.toolRoundsExhausted() ? ReplyTexts.toolRoundsExhausted(toolSettings.maxRounds()) : "";
        String documentNote = chosen.reference().cut() ? ReplyTexts.DOCUMENT_CUT : "";
        return output.answer(render(answer) + ModelErrors.note(result, message.admin()) + toolNote + documentNote);
    }

    /** One line per answered question for the operator: what it took and how it ended, never its content. */
    private void report(IncomingMessage message, Instant start, Rounds rounds, Verdict verdict, boolean delivered) {
        long millis = Duration.between(start, clock.instant()).toMillis();
        long prompt = rounds.usage().map(Usage::promptTokens).orElse(0L);
        long completion = rounds.usage().map(Usage::completionTokens).orElse(0L);
        String outcome = verdict instanceof Verdict.Failed failure ? failure.outcome() : outcome(rounds.result());
        if (delivered) {
            log.info("answered {} in {} ms: model {}, tokens {}+{}, {}", message.msgId(), millis, rounds.answeredBy(),
                    prompt, completion, outcome);
        } else {
            log.warn("the answer to {} could not be delivered ({} ms: model {}, tokens {}+{}, {})", message.msgId(),
                    millis, rounds.answeredBy(), prompt, completion, outcome);
        }
    }

    private static String outcome(ChatResult result) {
        return result.status().name().toLowerCase(Locale.ROOT);
    }

    private String render(String answer) {
        return MarkdownFormatter.format(words.mask(answer));
    }

    /**
     * Where the reply goes: into the card opened for it, or as messages when there is none or it broke. In a card,
     * one line per tool call stands between the header and the answer.
     */
    private final class Output implements ToolRunner.Progress {
        private final Responder responder;
        private final Optional<StreamingReply> card;
        private final String header;
        private final Map<String, String> progressLines = new LinkedHashMap<>();

        Output(Responder responder, Optional<StreamingReply> card, String header) {
            this.responder = responder;
            this.card = card;
            this.header = header;
        }

        boolean streamsIntoACard() {
            return card.isPresent();
        }

        boolean failure(String text) {
            return card.isPresent() && card.get().fail(top() + text) || responder.markdown(text);
        }

        boolean answer(String shown) {
            return card.isPresent() && card.get().finish(top() + shown)
                    || responder.markdownParts(AnswerSplitter.split(shown, replies.maxReplyChars()));
        }

        ChatListener feed() {
            return new CardFeed(card.orElseThrow(), top());
        }

        @Override
        public void started(List<ToolCall> calls) {
            if (card.isEmpty()) return;
            calls.forEach(call -> progressLines.put(call.id() + "/" + call.name(), ReplyTexts.toolRunning(call.name())));
            card.get().update(top() + ReplyTexts.THINKING);
        }

        @Override
        public void ended(ToolCall call, ToolResult result, Duration took) {
            if (card.isEmpty()) return;
            progressLines.put(call.id() + "/" + call.name(), ReplyTexts.toolEnded(call.name(), result, took));
            card.get().update(top() + ReplyTexts.THINKING);
        }

        /** The header and the tool lines so far. */
        private String top() {
            if (progressLines.isEmpty()) return header;
            return header + String.join("\n", progressLines.values()) + "\n\n";
        }
    }

    /** Shows the answer in the card as it is written, reasoning hidden, masked and formatted like the final one. */
    private final class CardFeed implements ChatListener {
        private final StreamingReply card;
        private final String top;
        private final StringBuilder text = new StringBuilder();

        CardFeed(StreamingReply card, String top) {
            this.card = card;
            this.top = top;
        }

        @Override
        public void onText(String delta) {
            text.append(delta);
            String visible = ReasoningFilter.visiblePart(text.toString());
            if (!visible.isBlank()) card.update(top + render(visible));
        }
    }
}
