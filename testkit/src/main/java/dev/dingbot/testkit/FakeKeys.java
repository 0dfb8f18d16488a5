package dev.dingbot.testkit;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The API keys a fake provider takes: any (until told which), the ones it was told, and among them those whose
 * account is out of quota (they authenticate, but get no answer). Records the key of every request, in order.
 */
public final class FakeKeys {

    /** What the fake makes of a request's key. */
    public enum Verdict { ACCEPTED, UNKNOWN, OUT_OF_QUOTA }

    private final ConcurrentLinkedQueue<String> used = new ConcurrentLinkedQueue<>();
    private volatile Set<String> accepted;
    private volatile Set<String> outOfQuota = Set.of();

    /** From now on only these keys (and those out of quota) are taken. */
    public void accept(String... keys) {
        accepted = Set.of(keys);
    }

    /** From now on these keys authenticate but are out of quota. */
    public void outOfQuota(String... keys) {
        outOfQuota = Set.of(keys);
    }

    /** Records the request's key ("" for none) and judges it. */
    public Verdict judge(String key) {
        String k = key == null ? "" : key;
        used.add(k);
        if (outOfQuota.contains(k)) return Verdict.OUT_OF_QUOTA;
        Set<String> only = accepted;
        return only == null || only.contains(k) ? Verdict.ACCEPTED : Verdict.UNKNOWN;
    }

    /** The key of every request so far, in the order they arrived ("" for none). */
    public List<String> used() {
        return List.copyOf(used);
    }
}
