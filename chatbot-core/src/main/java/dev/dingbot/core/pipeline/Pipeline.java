package dev.dingbot.core.pipeline;

import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.port.BotObserver;
import dev.dingbot.core.port.ReplyChannel;
import dev.dingbot.core.settings.BotSettings;
import dev.dingbot.core.text.SensitiveWords;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;

/**
 * One message, start to finish: the {@link Step}s in the original's order (spec §4.2), each finishing the message
 * or passing it on, then the model. A request of the daily quota that did not get a model's answer is given back
 * when the message is finished.
 */
public final class Pipeline {

    private final List<Step> steps;
    private final ModelLoop modelLoop;
    private final AccessPolicy access;
    private final ModelQuestions questions;
    private final QuotaBeforeQueueing quotaBeforeQueueing;
    /** Forgets what idled out; returns how many sessions it forgot. */
    private final IntSupplier purge;

    private Pipeline(List<Step> steps, ModelLoop modelLoop, AccessPolicy access, ModelQuestions questions,
                     QuotaBeforeQueueing quotaBeforeQueueing, IntSupplier purge) {
        this.steps = List.copyOf(steps);
        this.modelLoop = modelLoop;
        this.access = access;
        this.questions = questions;
        this.quotaBeforeQueueing = quotaBeforeQueueing;
        this.purge = purge;
    }

    /** Builds the pipeline from its settings and ports: the one place where the steps and their order are listed. */
    public static Pipeline assemble(BotSettings settings, BotPorts ports) {
        BotObserver observer = ports.observer();
        SensitiveWords words = SensitiveWords.of(settings.sensitiveWords());
        AccessPolicy access = new AccessPolicy(settings.access());
        Templates templates = new Templates(settings.templates());
        DailyQuota quota = new DailyQuota(settings.quota(), ports.quotas(), ports.clock());
        CallRate rate = new CallRate(settings.quota().modelCallsPerMinute(), ports.clock());
        Sessions sessions = new Sessions(ports.sessions(), settings.conversation(), ports.clock());
        HistoryLog history = new HistoryLog(ports.history(), ports.clock(), settings.quota().zone());
        BalanceReport balance = new BalanceReport(ports.balance(), ports.usage(), settings.prices());
        PrefixCommands prefix = new PrefixCommands(ports.imageModel(), ports.domains(), ports.links(), history, settings.replies());
        KeywordCommands keywords = new KeywordCommands(sessions, settings.conversation(), settings.replies(), templates,
                balance, quota);

        Step rateLimit = new Steps.RateLimit(rate, observer);
        Step dailyQuota = new Steps.Quota(quota, access, observer);
        List<Step> steps = List.of(
                new Steps.SensitiveQuestion(words, observer),
                new Steps.ChatType(access, observer),
                new Steps.GroupId(),
                new Steps.Access(access, observer),
                new Steps.UnsupportedType(settings.documents().enabled(), observer),
                new Steps.Help(settings.helpText()),
                new Steps.Prefix(prefix, List.of(rateLimit, dailyQuota)),
                new ModelChoice(sessions, ports.chatModel(), settings.modelSwitch(), settings.conversation()),
                new Steps.Template(templates),
                new Steps.Keyword(keywords),
                new AttachedDocuments(ports.documents(), settings.documents(), sessions, history),
                rateLimit,
                dailyQuota,
                new Steps.Pictures(),
                new ModeAndContext(sessions, history, ports.chatModel(), ports.tools(), settings, ports.clock()));
        ModelLoop modelLoop = new ModelLoop(settings, ports, words, history, sessions, quota);
        ModelQuestions questions = new ModelQuestions(prefix, templates);
        IntSupplier purge = () -> {
            rate.purgeIdle();
            return sessions.purgeExpired();
        };
        return new Pipeline(steps, modelLoop, access, questions,
                new QuotaBeforeQueueing(quota, access, questions, observer), purge);
    }

    /** Forgets sessions that timed out, and senders' call rates that are back to none; called now and then. */
    public int purgeExpiredSessions() {
        return purge.getAsInt();
    }

    /**
     * The quota reply to send, when {@code message} would go to a model and its sender has used up today's quota:
     * intake refuses it before it takes a queue slot.
     */
    public Optional<Runnable> refusalBeforeQueueing(IncomingMessage message, ReplyChannel channel) {
        return quotaBeforeQueueing.refusal(message, channel);
    }

    /**
     * Whether the steps would put {@code message} to a model; the others (commands, help, templates' list, receipts)
     * are answered without one, so intake does not queue them behind model work.
     */
    public boolean asksAModel(IncomingMessage message) {
        return questions.asksAModel(message);
    }

    /**
     * Answers the message: done when the returned future is, which is at once unless a model streams the answer
     * without holding this thread ({@link dev.dingbot.core.port.ChatModel#streamAsync}).
     */
    public CompletableFuture<Void> process(IncomingMessage message, ReplyChannel channel) {
        MessageContext context = new MessageContext(message, new Responder(message, channel),
                access.isAdmin(message.sender().staffId()));
        CompletableFuture<Void> answered = Step.inOrder(steps, context) == Step.Outcome.FINISHED
                ? CompletableFuture.completedFuture(null)
                : modelLoop.answer(context);
        return answered.thenRun(context::settleQuota);
    }
}
