package dev.dingbot.dingtalk;

import dev.dingbot.core.ChatBot;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.OutgoingMessage;
import dev.dingbot.core.port.Inbox;
import dev.dingbot.core.port.ReplyChannel;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A ChatBot for channel tests: records what it is handed, optionally de-duplicates through an {@link Inbox} like
 * core does (a message the inbox fails to take is {@code NOT_SAVED}), and answers "ok" on its own thread after {@code work}, recording when each answer was finished.
 */
final class RecordingBot implements ChatBot, AutoCloseable {

    record Handled(IncomingMessage message, ReplyChannel channel, Admission admission, long atNanos) {
    }

    private final Inbox inbox;
    private final Duration work;
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final List<Handled> handled = new CopyOnWriteArrayList<>();
    private final Map<String, Long> finishedAt = new ConcurrentHashMap<>();

    RecordingBot() {
        this(null, Duration.ZERO);
    }

    RecordingBot(Inbox inbox, Duration work) {
        this.inbox = inbox;
        this.work = work;
    }

    @Override
    public Admission handle(IncomingMessage message, ReplyChannel channel) {
        Admission admission;
        try {
            admission = inbox == null || inbox.admit(message) ? Admission.ACCEPTED : Admission.DUPLICATE;
        } catch (RuntimeException notSaved) {
            admission = Admission.NOT_SAVED;
        }
        handled.add(new Handled(message, channel, admission, System.nanoTime()));
        if (admission == Admission.ACCEPTED) {
            workers.execute(() -> answer(message, channel));
        }
        return admission;
    }

    private void answer(IncomingMessage message, ReplyChannel channel) {
        try {
            Thread.sleep(work.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        channel.send(OutgoingMessage.text("ok", List.of()));
        finishedAt.put(message.msgId(), System.nanoTime());
    }

    List<Handled> handled() {
        return List.copyOf(handled);
    }

    List<IncomingMessage> messages() {
        return handled.stream().map(Handled::message).toList();
    }

    Long finishedAtNanos(String msgId) {
        return finishedAt.get(msgId);
    }

    boolean awaitHandled(int count, Duration timeout) throws InterruptedException {
        return awaitUntil(() -> handled.size() >= count, timeout);
    }

    boolean awaitFinished(String msgId, Duration timeout) throws InterruptedException {
        return awaitUntil(() -> finishedAt.containsKey(msgId), timeout);
    }

    static boolean awaitUntil(java.util.function.BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(10);
        }
        return true;
    }

    @Override
    public int replayPending(Function<IncomingMessage, ReplyChannel> channels) {
        return 0;
    }

    @Override
    public int inFlight() {
        return (int) handled.stream().filter(h -> h.admission() == Admission.ACCEPTED).count() - finishedAt.size();
    }

    @Override
    public boolean shutdown(Duration grace) {
        workers.shutdown();
        try {
            return workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
