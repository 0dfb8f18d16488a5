package dev.dingbot.core.provider;

import dev.dingbot.core.text.Redaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The API keys of one provider, handed out round robin. A key the provider refuses (its credentials, its quota) is
 * benched for {@link KeyPoolSettings#bench()} and skipped meanwhile, with one WARN line naming it by its last four
 * characters; when every key is benched, the one whose bench ends first is handed out (and that is said once), so
 * that the call fails with the provider's own answer. Thread-safe.
 */
public final class KeyPool {

    private static final Logger log = LoggerFactory.getLogger(KeyPool.class);

    /** One send of a call with a key. */
    @FunctionalInterface
    public interface Call<R> {
        R send(PooledKey key) throws IOException;
    }

    private final String provider;
    private final List<PooledKey> keys;
    private final Duration bench;
    private final Clock clock;
    private final Instant[] benchedUntil;
    private int cursor;
    private boolean exhaustionSaid;

    /**
     * @param provider names the provider in log lines ({@code OpenAI}, {@code Anthropic})
     * @param keys     at least one, none blank; repeats are dropped
     */
    public KeyPool(String provider, List<String> keys, KeyPoolSettings settings) {
        this.provider = Objects.requireNonNull(provider, "provider");
        Set<String> distinct = new LinkedHashSet<>();
        for (String key : keys) {
            if (key == null || key.isBlank()) throw new IllegalArgumentException("a key pool takes no blank key");
            distinct.add(key.strip());
        }
        if (distinct.isEmpty()) throw new IllegalArgumentException("a key pool needs at least one key");
        this.keys = distinct.stream().map(PooledKey::new).toList();
        this.bench = settings.bench();
        this.clock = settings.clock();
        this.benchedUntil = new Instant[this.keys.size()];
    }

    public int size() {
        return keys.size();
    }

    /** Every key, in the order given: for probing each of them. */
    public List<PooledKey> all() {
        return keys;
    }

    /** How many keys are not benched now. */
    public synchronized int usable() {
        Instant now = clock.instant();
        int usable = 0;
        for (int i = 0; i < keys.size(); i++) {
            if (isUsable(i, now)) usable++;
        }
        return usable;
    }

    /** The next key that is not benched, round robin; when all are, the one whose bench ends first. */
    public synchronized PooledKey next() {
        Instant now = clock.instant();
        for (int step = 0; step < keys.size(); step++) {
            int i = (cursor + step) % keys.size();
            if (isUsable(i, now)) {
                cursor = i + 1;
                exhaustionSaid = false;
                return keys.get(i);
            }
        }
        int earliest = 0;
        for (int i = 1; i < keys.size(); i++) {
            if (benchedUntil[i].isBefore(benchedUntil[earliest])) earliest = i;
        }
        if (!exhaustionSaid) {
            exhaustionSaid = true;
            log.warn("every {} key is benched; using {}, whose bench ends first (at {})", provider,
                    keys.get(earliest), benchedUntil[earliest]);
        }
        return keys.get(earliest);
    }

    /**
     * Benches the key from now on. The WARN line is written when the key goes onto the bench, not again for
     * calls that were under way with it; {@code reason} is logged with the key masked.
     */
    public synchronized void refused(PooledKey key, String reason) {
        int i = keys.indexOf(key);
        if (i < 0) throw new IllegalArgumentException("not a key of this pool: " + key);
        Instant now = clock.instant();
        boolean wasUsable = isUsable(i, now);
        benchedUntil[i] = now.plus(bench);
        if (wasUsable) {
            log.warn("{} key {} refused, not used for {} min: {}", provider, key, bench.toMinutes(),
                    Redaction.secrets(Objects.requireNonNullElse(reason, ""), List.of(key.secret())));
        }
    }

    /**
     * Sends a call with the next key. When the answer refuses the key ({@code refusal} gives the reason, null when
     * it does not) and another key is usable, the key is benched, the answer closed and the call sent again at
     * once with the next key; at most once per key. Otherwise the answer is returned as it is, refused or not.
     * With a single key the answer is never looked at: there is no other key to turn to.
     */
    public <R extends Closeable> R send(Call<R> call, Function<? super R, String> refusal) throws IOException {
        if (keys.size() == 1) return call.send(keys.get(0));
        for (int sent = 1; ; sent++) {
            PooledKey key = next();
            R answer = call.send(key);
            String refused = refusal.apply(answer);
            if (refused == null) return answer;
            refused(key, refused);
            if (!sendsAgain(sent)) return answer;
            answer.close();
        }
    }

    /**
     * Like {@link #send}, for a call that answers later, with nothing left to close: an answer is looked at once
     * it is whole (an error's body read), and the call sent again with the next key on the thread that completed it.
     */
    public <R> CompletableFuture<R> sendAsync(Function<PooledKey, CompletableFuture<R>> call,
                                              Function<? super R, String> refusal) {
        if (keys.size() == 1) return call.apply(keys.get(0));
        return sendAsync(call, refusal, 1);
    }

    private <R> CompletableFuture<R> sendAsync(Function<PooledKey, CompletableFuture<R>> call,
                                               Function<? super R, String> refusal, int sent) {
        PooledKey key = next();
        return call.apply(key).thenCompose(answer -> {
            String refused = refusal.apply(answer);
            if (refused == null) return CompletableFuture.completedFuture(answer);
            refused(key, refused);
            return sendsAgain(sent) ? sendAsync(call, refusal, sent + 1) : CompletableFuture.completedFuture(answer);
        });
    }

    /** Whether a call refused {@code sent} times goes out again: at most once per key, and while one is usable. */
    private boolean sendsAgain(int sent) {
        return sent < keys.size() && usable() > 0;
    }

    private boolean isUsable(int i, Instant now) {
        return benchedUntil[i] == null || !now.isBefore(benchedUntil[i]);
    }

    @Override
    public String toString() {
        List<String> shown = new ArrayList<>();
        keys.forEach(k -> shown.add(k.shown()));
        return "KeyPool[" + provider + ", " + shown + "]";
    }
}
