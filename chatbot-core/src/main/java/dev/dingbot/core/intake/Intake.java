package dev.dingbot.core.intake;

import dev.dingbot.core.ChatBot;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.OutgoingMessage;
import dev.dingbot.core.pipeline.NoticeWindow;
import dev.dingbot.core.pipeline.Pipeline;
import dev.dingbot.core.port.BotObserver;
import dev.dingbot.core.port.Inbox;
import dev.dingbot.core.port.ReplyChannel;
import dev.dingbot.core.settings.LaneSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The bot as channels see it: admits a message (stale? seen before?), queues it on its lane and returns at once.
 * The message is marked complete in the inbox once it was answered, so a crash in between answers it again on the
 * next start. A message refused before queueing (busy, too many from its sender, quota used up) is answered by a
 * notice, at most one a minute per sender and kind, and completed too: it is not replayed.
 */
public final class Intake implements ChatBot {

    private static final Logger log = LoggerFactory.getLogger(Intake.class);
    static final String BUSY_TEXT = "**🤷 当前提问的人太多了，请稍后再试。**";
    static final String TOO_MANY_TEXT = "**🤷 您的提问太频繁了，请等前面的问题回答完再提问。**";
    static final String INTERNAL_ERROR_TEXT = "处理消息时出错了，请稍后再试。";
    static final String NOT_SAVED_TEXT = "**🤷 机器人暂时无法保存消息，请稍后再试。**";
    static final Duration NOTICE_WINDOW = Duration.ofMinutes(1);

    /** Whom a notice was for, and why: each kind is told once a window. */
    private record NoticeKey(String lane, Admission kind) {
    }

    private final Pipeline pipeline;
    private final Inbox inbox;
    private final LaneSettings settings;
    private final BotObserver observer;
    private final Clock clock;
    private final Lanes lanes;
    private final Notices notices;
    private final NoticeWindow<NoticeKey> told;
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(daemon("housekeeping"));
    private volatile boolean closed;
    /**
     * Messages this instance has taken to answer and not finished: a claim at admission and the lane's {@code next}
     * after the previous message can both hand out the same message, which must be queued once.
     */
    private final Set<String> taken = ConcurrentHashMap.newKeySet();
    /** Channels for messages this instance did not receive itself (replayed, taken over); set by replayPending. */
    private volatile Function<IncomingMessage, ReplyChannel> laterChannels;

    /**
     * {@code answerThreads} run the lanes and are shut down with the intake; replies that need no model run on
     * platform threads of the intake's own ({@code reply-N}) until a model question comes up in their lane.
     */
    public Intake(Pipeline pipeline, Inbox inbox, LaneSettings settings, BotObserver observer, Clock clock,
                  ExecutorService answerThreads) {
        this.pipeline = pipeline;
        this.inbox = inbox;
        this.settings = settings;
        this.observer = observer;
        this.clock = clock;
        this.lanes = new Lanes(answerThreads, LaneThreads.platform("reply"), settings.workers(),
                settings.workers() + settings.maxQueued(), settings.maxQueuedPerSender());
        this.notices = new Notices(clock);
        this.told = new NoticeWindow<>(NOTICE_WINDOW, clock);
        housekeeping.scheduleWithFixedDelay(this::purgeSessions, 10, 10, TimeUnit.MINUTES);
        inbox.lease().ifPresent(lease -> {
            long renewEvery = Math.max(1, lease.toMillis() / 3);
            housekeeping.scheduleWithFixedDelay(this::renewLeases, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
            housekeeping.scheduleWithFixedDelay(this::takeOver, 1, 1, TimeUnit.SECONDS);
        });
    }

    /** The threads answers run on unless the builder is given others. */
    public static ExecutorService defaultAnswerThreads() {
        return LaneThreads.create("lane");
    }

    public static ExecutorService defaultToolThreads() {
        return LaneThreads.create("tool");
    }

    @Override
    public Admission handle(IncomingMessage message, ReplyChannel channel) {
        Admission admission = admit(message, channel);
        observer.messageAdmitted(admission);
        return admission;
    }

    private Admission admit(IncomingMessage message, ReplyChannel channel) {
        if (message.createdAt().isBefore(clock.instant().minus(settings.staleAfter()))) {
            log.info("dropped stale message {} written at {}", message.msgId(), message.createdAt());
            return Admission.STALE;
        }
        if (!message.msgId().isEmpty()) {
            try {
                if (!inbox.admit(message)) return Admission.DUPLICATE;
            } catch (RuntimeException e) {
                log.error("message {} could not be saved, so it is not taken: {}", message.msgId(), e.toString());
                // Not completed: it is not in the inbox, and DingTalk may deliver it again.
                if (told.tellNow(new NoticeKey(message.laneKey(), Admission.NOT_SAVED))) {
                    notices.post(notice(channel, NOT_SAVED_TEXT), () -> { });
                }
                return Admission.NOT_SAVED;
            }
        }
        // Shutting down: the message stays journaled as pending and is answered after the restart.
        if (closed) return Admission.CLOSED;
        if (!claimed(message)) return Admission.ACCEPTED; // another instance answers its lane, this one after it
        Optional<Runnable> quotaReply = pipeline.refusalBeforeQueueing(message, channel);
        if (quotaReply.isPresent()) return refuse(message, channel, Admission.OVER_QUOTA, quotaReply.get());
        Lanes.Submitted submitted;
        try {
            Lanes.Weight weight = pipeline.asksAModel(message) ? Lanes.Weight.HEAVY : Lanes.Weight.LIGHT;
            submitted = lanes.submit(message.laneKey(), weight, () -> answer(message, channel));
        } catch (RejectedExecutionException shutDownMeanwhile) {
            return Admission.CLOSED; // still pending in the inbox: answered after the restart
        }
        return switch (submitted) {
            case QUEUED -> Admission.ACCEPTED;
            case KEY_FULL -> refuse(message, channel, Admission.TOO_MANY, notice(channel, TOO_MANY_TEXT));
            case ALL_FULL -> refuse(message, channel, Admission.BUSY, notice(channel, BUSY_TEXT));
        };
    }

    /** Whether this instance answers the message now; a store one process owns always says yes. */
    private boolean claimed(IncomingMessage message) {
        if (message.msgId().isEmpty()) return true;
        try {
            return inbox.claim(message) && taken.add(message.msgId());
        } catch (RuntimeException e) {
            // Admitted, so not lost: a look for lanes nobody holds finds it once the store answers again.
            log.warn("message {} is saved but could not be claimed now: {}", message.msgId(), e.toString());
            return false;
        }
    }

    /** Answers a refused message with {@code reply} when its sender was not told so within the window. */
    private Admission refuse(IncomingMessage message, ReplyChannel channel, Admission kind, Runnable reply) {
        if (told.tellNow(new NoticeKey(message.laneKey(), kind))) {
            notices.post(reply, () -> finish(message, channel));
        } else {
            finish(message, channel); // answered by the notice this sender got a moment ago
        }
        return kind;
    }

    private static Runnable notice(ReplyChannel channel, String text) {
        return () -> channel.send(OutgoingMessage.markdown(text, List.of()));
    }

    @Override
    public int replayPending(Function<IncomingMessage, ReplyChannel> channels) {
        laterChannels = channels;
        if (inbox.lease().isPresent()) return 0; // shared: pending messages are other instances' or taken over
        List<IncomingMessage> pending = inbox.pending();
        for (IncomingMessage message : pending) {
            ReplyChannel channel = channels.apply(message);
            lanes.force(message.laneKey(), () -> answer(message, channel));
        }
        if (!pending.isEmpty()) log.info("answering {} messages left unanswered before the restart", pending.size());
        return pending.size();
    }

    @Override
    public boolean shutdown(Duration grace) {
        closed = true;
        housekeeping.shutdownNow();
        lanes.shutdown();
        boolean finished;
        try {
            finished = lanes.awaitTermination(grace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (!finished) {
            log.warn("{} answers still running after {}; interrupting them", lanes.inFlight(), grace);
            lanes.shutdownNow();
        }
        notices.shutdown();
        return finished;
    }

    @Override
    public int inFlight() {
        return lanes.inFlight();
    }

    /** Answers the message; done (and the message marked answered) when the returned stage is. */
    private CompletableFuture<Void> answer(IncomingMessage message, ReplyChannel channel) {
        CompletableFuture<Void> answered;
        try {
            answered = pipeline.process(message, channel);
        } catch (RuntimeException e) {
            answered = CompletableFuture.failedFuture(e);
        }
        return answered.handle((done, failure) -> {
            try {
                if (failure != null) {
                    log.error("message {} failed", message.msgId(), unwrapped(failure));
                    channel.send(OutgoingMessage.markdown(INTERNAL_ERROR_TEXT, List.of()));
                }
            } finally {
                finish(message, channel);
            }
            return null;
        });
    }

    private static Throwable unwrapped(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /**
     * Marks the message answered, and takes its lane's next message when a shared inbox has one waiting (a message
     * the lane's earlier one held up, whichever instance received it).
     *
     * @param channel the channel of the message, for a next one of the same conversation when no channel for later
     *                messages is known yet
     */
    private void finish(IncomingMessage message, ReplyChannel channel) {
        if (message.msgId().isEmpty()) return;
        // Forgotten first: should marking it fail, a takeover may hand it back here, and it must be queued then.
        taken.remove(message.msgId());
        try {
            inbox.complete(message.msgId());
            inbox.next(message.laneKey()).ifPresent(next -> answerLater(next, channelFor(next, channel)));
        } catch (RuntimeException e) {
            // one line: a store that is away fails every call alike, and its cause is in the message
            log.error("could not mark message {} answered: {}", message.msgId(), e.toString());
        }
    }

    /** Queues a message this instance was given by the shared inbox, behind what its lane holds here. */
    private void answerLater(IncomingMessage message, ReplyChannel channel) {
        if (!taken.add(message.msgId())) return; // queued here already, by its claim at admission
        lanes.force(message.laneKey(), () -> answer(message, channel));
    }

    /** The channel for a message received elsewhere: rebuilt from its route, or that of its conversation's last. */
    private ReplyChannel channelFor(IncomingMessage message, ReplyChannel ofTheLanesLast) {
        Function<IncomingMessage, ReplyChannel> channels = laterChannels;
        return channels != null ? channels.apply(message) : ofTheLanesLast;
    }

    private void renewLeases() {
        try {
            inbox.renewLeases();
        } catch (RuntimeException e) {
            log.warn("could not renew the claims on the conversations being answered: {}", e.toString());
        }
    }

    /** Takes over lanes no live instance holds (one crashed, or a message waited without one). */
    private void takeOver() {
        if (closed || laterChannels == null) return;
        try {
            List<IncomingMessage> taken = inbox.takeOver(settings.workers());
            for (IncomingMessage message : taken) {
                log.info("took over message {} of a conversation no instance was answering", message.msgId());
                observer.messageTakenOver();
                answerLater(message, laterChannels.apply(message));
            }
        } catch (RuntimeException e) {
            log.warn("could not look for conversations left by other instances: {}", e.toString());
        }
    }

    private void purgeSessions() {
        try {
            int purged = pipeline.purgeExpiredSessions();
            if (purged > 0) log.debug("forgot {} idle sessions", purged);
            told.purge();
        } catch (RuntimeException e) {
            log.warn("session purge failed", e);
        }
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        };
    }
}
