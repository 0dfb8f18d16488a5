package dev.dingbot.core.pipeline;

import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.Mode;
import dev.dingbot.core.model.Role;
import dev.dingbot.core.model.Session;
import dev.dingbot.core.model.ToolDefinition;
import dev.dingbot.core.port.ChatModel;
import dev.dingbot.core.port.ToolBox;
import dev.dingbot.core.settings.BotSettings;
import dev.dingbot.core.settings.ConversationSettings;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The sender's mode (单聊 or 串聊) and the context that goes with the question, trimmed to the model's budget; a
 * question too long on its own is refused, and its context cleared. The question is written to the history here.
 */
final class ModeAndContext implements Step {

    private final Sessions sessions;
    private final HistoryLog history;
    private final ChatModel model;
    private final ConversationSettings conversation;
    private final Clock clock;
    private final ToolBox tools;
    private final ReferenceDocuments documents;
    private final int documentTokens;

    ModeAndContext(Sessions sessions, HistoryLog history, ChatModel model, ToolBox tools, BotSettings settings,
                   Clock clock) {
        this.sessions = sessions;
        this.tools = tools;
        this.conversation = settings.conversation();
        this.documents = new ReferenceDocuments(model);
        this.documentTokens = settings.documents().tokenBudget(conversation);
        this.history = history;
        this.model = model;
        this.clock = clock;
    }

    @Override
    public Outcome apply(MessageContext message) {
        Instant started = clock.instant();
        IncomingMessage incoming = message.message();
        String key = incoming.laneKey();
        Session session = sessions.current(key);
        ChatTurn ask = ChatTurn.user(message.question(), message.images());
        if (tooLong(ask)) {
            sessions.clearContext(key, session);
            message.responder().markdown(ReplyTexts.questionTooLong(conversation.maxQuestionTokens()));
            return Outcome.FINISHED;
        }
        sessions.touch(key, session);
        boolean withContext = session.mode() == Mode.CONTEXT;
        String logged = message.documents().isEmpty() ? message.question()
                : ReplyTexts.documentNames(message.documents()) + "\n" + message.question();
        long questionId = history.question(incoming, logged, withContext ? session.lastAnswerId() : 0);
        List<ToolDefinition> offered = tools.toolsFor(message.toolAsker());
        ReferenceDocuments.Reference reference = documents.of(session.documents(), documentTokens);
        List<ChatTurn> fixed = new ArrayList<>(reference.turn().stream().toList());
        List<ChatTurn> context = fit(withContext ? session.context() : List.of(), ask, offered, fixed);
        message.converse(new MessageContext.Conversation(session, ask, context, questionId, started, offered,
                reference));
        return Outcome.PASS_ON;
    }

    /**
     * Checked in characters first: counting the tokens of a huge question costs seconds of CPU; then against the
     * model's cheap ceiling, so that an ordinary question is never counted.
     */
    private boolean tooLong(ChatTurn ask) {
        if (ask.text().length() > conversation.maxQuestionChars()) return true;
        if (model.tokenCeiling(List.of(ask)) <= conversation.maxQuestionTokens()) return false;
        return model.countTokens(List.of(ask)) - model.countTokens(List.of()) > conversation.maxQuestionTokens();
    }

    /**
     * Drops the oldest turns until the prompt leaves room for the answer; the question itself always stays, and so
     * do the {@code fixed} turns (the documents). The offered tools are in the prompt too: they count as one more
     * message holding their names, descriptions and schemas.
     */
    private List<ChatTurn> fit(List<ChatTurn> context, ChatTurn ask, List<ToolDefinition> offered,
                               List<ChatTurn> fixed) {
        if (context.isEmpty()) return context;
        if (!conversation.systemPrompt().isBlank()) fixed.add(ChatTurn.system(conversation.systemPrompt()));
        fixed.add(ask);
        if (!offered.isEmpty()) fixed.add(ChatTurn.system(described(offered)));
        int first = fitsUnderCeiling(fixed, context) ? 0 : firstKept(context, fixed);
        // never start the context with an orphaned answer
        if (first < context.size() && context.get(first).role() == Role.ASSISTANT) first++;
        return List.copyOf(context.subList(first, context.size()));
    }

    /** Whether the whole prompt fits by the model's ceiling: then no turn needs counting. */
    private boolean fitsUnderCeiling(List<ChatTurn> fixed, List<ChatTurn> context) {
        List<ChatTurn> whole = new ArrayList<>(fixed);
        whole.addAll(context);
        return model.tokenCeiling(whole) <= conversation.promptBudget();
    }

    /** The first context turn kept once the oldest are dropped until the prompt fits. */
    private int firstKept(List<ChatTurn> context, List<ChatTurn> fixed) {
        int empty = model.countTokens(List.of());
        int total = model.countTokens(fixed);
        int[] costs = new int[context.size()];
        for (int i = 0; i < context.size(); i++) {
            costs[i] = model.countTokens(List.of(context.get(i))) - empty;
            total += costs[i];
        }
        int first = 0;
        while (first < context.size() && total > conversation.promptBudget()) {
            total -= costs[first++];
        }
        return first;
    }

    private static String described(List<ToolDefinition> tools) {
        StringBuilder text = new StringBuilder();
        for (ToolDefinition tool : tools) {
            text.append(tool.name()).append('\n').append(tool.description()).append('\n').append(tool.parameters()).append('\n');
        }
        return text.toString();
    }
}
