package dev.dingbot.dingtalk;

import dev.dingbot.core.port.StreamingReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * One delivered AI card being written. Updates are coalesced to one frame per interval with a trailing flush,
 * so the latest text is never dropped nor left waiting for the next token; frames keep their gaps after delivery
 * and before the final frame, and the first text after a long silence waits a moment to be a phrase. Content beyond the card limit is shown as plain markdown once the card ends.
 * A watchdog closes a card nobody finished.
 */
final class CardStream implements StreamingReply {
    private static final Logger LOG = LoggerFactory.getLogger(CardStream.class);
    /** After this many failed frames in a row, intermediate updates stop; the final frame is still tried. */
    private static final int GIVE_UP_AFTER = 3;
    static final String INTERRUPTED = "\n\n（回答已中断）";

    /** What a stream needs besides its own ids. */
    record Context(CardApi api, CardTime time, Duration interval, ReplyTuning tuning,
                   boolean publicTemplate, DingTalkChannel.Events events) {
    }

    private final Context context;
    private final Predicate<String> overflow;
    private final String appId;
    private final String outTrackId;
    private final String key;
    private final long deliveredAt;
    private final ReentrantLock frames = new ReentrantLock(); // one frame at a time, in order
    private volatile long lastFrameAt;
    private String shown;                 // guarded by frames
    private int failures;                 // guarded by frames
    private String latest;                // guarded by this
    private boolean closed;               // guarded by this
    private ScheduledFuture<?> pendingFlush; // guarded by this
    private ScheduledFuture<?> watchdog;  // guarded by this

    /** {@code overflow} posts text beyond the card limit as plain messages; true when they were accepted. */
    CardStream(Context context, Predicate<String> overflow, String appId, String outTrackId, String key,
               String initialContent) {
        this.context = context;
        this.overflow = overflow;
        this.appId = appId;
        this.outTrackId = outTrackId;
        this.key = key;
        this.deliveredAt = now();
        this.lastFrameAt = deliveredAt;
        this.shown = initialContent;
        this.latest = initialContent;
    }

    /** Arms the watchdog; called once the card is delivered. */
    CardStream watch() {
        synchronized (this) {
            watchdog = schedule(this::abandon, context.tuning().cardWatchdog().toNanos());
        }
        return this;
    }

    @Override
    public void update(String fullContent) {
        synchronized (this) {
            if (closed || fullContent == null) return;
            latest = fullContent;
            if (pendingFlush == null) {
                long delay = nanosUntilNextFrame();
                if (now() - lastFrameAt > context.tuning().cardSilence().toNanos()) {
                    delay = Math.max(delay, context.tuning().cardPhraseDelay().toNanos());
                }
                pendingFlush = schedule(this::flush, delay);
            }
        }
    }

    @Override
    public boolean finish(String fullContent) {
        return end(fullContent, false);
    }

    @Override
    public boolean fail(String fullContent) {
        return end(fullContent, true);
    }

    /** Null once the channel is shut down: updates then stop, and finish still sends its frame itself. */
    private ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        try {
            return context.time().scheduler().schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    private long now() {
        return context.time().nanoTime().getAsLong();
    }

    private long nanosUntilNextFrame() {
        long next = Math.max(lastFrameAt + context.interval().toNanos(),
                deliveredAt + context.tuning().cardFirstFrameGap().toNanos());
        return Math.max(0, next - now());
    }

    private void flush() {
        frames.lock();
        try {
            String content;
            synchronized (this) {
                if (closed) return;
                long wait = nanosUntilNextFrame();
                if (wait > 0) { // a frame went out since this flush was planned
                    pendingFlush = schedule(this::flush, wait);
                    return;
                }
                pendingFlush = null;
                content = latest;
            }
            if (content.equals(shown) || failures >= GIVE_UP_AFTER) return;
            boolean ok = frame(content.substring(0, share(content)), false, false);
            lastFrameAt = now();
            if (ok) {
                shown = content;
                failures = 0;
            } else if (++failures == GIVE_UP_AFTER) {
                LOG.warn("Card {} refused {} frames in a row; holding updates until the final frame", outTrackId,
                        failures);
            }
        } catch (RuntimeException e) {
            LOG.warn("Card {} frame failed: {}", outTrackId, e.toString());
        } finally {
            frames.unlock();
        }
    }

    private void abandon() {
        String content;
        synchronized (this) {
            content = latest;
        }
        if (end(content + INTERRUPTED, true)) LOG.warn("Card {} was never finished; closed by the watchdog", outTrackId);
    }

    private boolean end(String fullContent, boolean error) {
        synchronized (this) {
            if (closed) return false;
            closed = true;
            latest = fullContent == null ? "" : fullContent;
            if (pendingFlush != null) pendingFlush.cancel(false);
            if (watchdog != null) watchdog.cancel(false);
        }
        frames.lock();
        try {
            long gapEnd = Math.max(lastFrameAt + context.tuning().cardFinalGap().toNanos(),
                    deliveredAt + context.tuning().cardFirstFrameGap().toNanos());
            long wait = gapEnd - now();
            if (wait > 0 && !context.time().pause().pause(Duration.ofNanos(wait))) return false;
            int cut = share(latest);
            String inCard = latest.substring(0, cut);
            boolean ok = frame(inCard, true, error);
            if (ok && context.publicTemplate()) {
                Map<String, String> data = new LinkedHashMap<>();
                data.put(key, CardMarkdown.normalise(inCard));
                data.put("flowStatus", error ? "5" : "3");
                ok = context.api().updateData(appId, outTrackId, data);
            }
            lastFrameAt = now();
            if (ok && cut < latest.length()) ok = overflow.test(latest.substring(cut));
            if (!ok) LOG.warn("Card {} could not be closed; the answer goes out as plain messages", outTrackId);
            return ok;
        } finally {
            frames.unlock();
        }
    }

    private boolean frame(String content, boolean finalize, boolean error) {
        boolean accepted = context.api().stream(appId, outTrackId,
                new CardApi.Frame(key, CardMarkdown.normalise(content), finalize, error));
        context.events().cardFrameSent(accepted);
        return accepted;
    }

    /** How much of {@code content} the card shows: its normalised form must fit the card limit. */
    private int share(String content) {
        int max = context.tuning().maxCardChars();
        int cut = cutPoint(content, max);
        for (int length; cut > 0 && (length = CardMarkdown.normalise(content.substring(0, cut)).length()) > max; ) {
            cut = cutPoint(content, cut - (length - max));
        }
        return cut;
    }

    /** At most {@code max} chars of {@code text}, never ending inside a surrogate pair. */
    static int cutPoint(String text, int max) {
        if (text.length() <= max) return text.length();
        if (max <= 0) return 0;
        return Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
    }
}
