package dev.dingbot.core.memory;

import dev.dingbot.core.model.LinkedContent;
import dev.dingbot.core.port.LinkStore;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Links of one process, gone when it stops. */
public final class InMemoryLinkStore implements LinkStore {

    private final Clock clock;
    private final Map<String, LinkedContent> links = new ConcurrentHashMap<>();

    public InMemoryLinkStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void put(String token, LinkedContent content) {
        if (!LinkStore.isToken(token)) throw new IllegalArgumentException("not a link token: " + token);
        links.put(token, Objects.requireNonNull(content, "content"));
    }

    @Override
    public Optional<LinkedContent> get(String token) {
        if (!LinkStore.isToken(token)) return Optional.empty();
        return Optional.ofNullable(links.get(token)).filter(content -> !content.expiredAt(clock.instant()));
    }

    @Override
    public int purgeExpired() {
        Instant now = clock.instant();
        int before = links.size();
        links.values().removeIf(content -> content.expiredAt(now));
        return before - links.size();
    }
}
