package dev.dingbot.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Append journals of a directory opened on demand, at most about {@code capacity} at a time: idle ones are
 * closed, least recently used first, on the upkeep thread (closing forces). Each journal opens under its own lock,
 * so users never wait on each other.
 */
final class OpenJournals implements Closeable {

    private final Path dir;
    private final Durability durability;
    private final Upkeep upkeep;
    private final int capacity;
    private final Map<String, Handle> handles = new ConcurrentHashMap<>();
    private final AtomicBoolean evicting = new AtomicBoolean();

    OpenJournals(Path dir, Durability durability, Upkeep upkeep, int capacity) {
        this.dir = dir;
        this.durability = durability;
        this.upkeep = upkeep;
        this.capacity = capacity;
    }

    /** Runs {@code work} with the journal of file {@code name}, kept open while it runs. */
    <T> T with(String name, Function<Journal, T> work) {
        while (true) {
            Handle handle = handles.computeIfAbsent(name, Handle::new);
            Journal journal = handle.acquire();
            if (journal == null) continue; // closed by eviction just now: take a fresh handle
            try {
                return work.apply(journal);
            } finally {
                handle.release();
                if (handles.size() > capacity && evicting.compareAndSet(false, true)) {
                    upkeep.execute("closing idle files of " + dir, this::evictIdle);
                }
            }
        }
    }

    /** The background force of every open journal: see {@link Durability#BACKGROUND}. */
    void forceWritten() {
        for (Handle handle : List.copyOf(handles.values())) {
            Journal journal = handle.borrowIfOpen();
            if (journal == null) continue;
            try {
                if (journal.unforced()) journal.forceWritten();
            } finally {
                handle.release();
            }
        }
    }

    @Override
    public void close() throws IOException {
        for (Handle handle : List.copyOf(handles.values())) handle.retireIfIdle(true);
        handles.clear();
    }

    private void evictIdle() {
        try {
            record Use(Handle handle, long lastUsed) {
            }
            List<Use> oldestFirst = handles.values().stream().map(h -> new Use(h, h.lastUsed))
                    .sorted(Comparator.comparingLong(Use::lastUsed)).toList();
            int excess = handles.size() - capacity * 3 / 4;
            for (Use use : oldestFirst) {
                if (excess <= 0) return;
                if (use.handle().retireIfIdle(false)) {
                    handles.remove(use.handle().name, use.handle());
                    excess--;
                }
            }
        } finally {
            evicting.set(false);
        }
    }

    private final class Handle {
        final String name;
        volatile long lastUsed;
        private Journal journal;
        private int users;
        private boolean retired;

        Handle(String name) {
            this.name = name;
        }

        synchronized Journal acquire() {
            if (retired) return null;
            if (journal == null) {
                try {
                    journal = Journal.open(dir.resolve(name), durability, upkeep, null);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot open " + dir.resolve(name), e);
                }
            }
            users++;
            lastUsed = System.nanoTime();
            return journal;
        }

        /** The open journal without opening it or counting as a use (null when closed or not yet open). */
        synchronized Journal borrowIfOpen() {
            if (retired || journal == null) return null;
            users++;
            return journal;
        }

        synchronized void release() {
            users--;
        }

        /** Closes the journal unless someone uses it ({@code always}: close anyway, at shutdown). */
        synchronized boolean retireIfIdle(boolean always) {
            if (users > 0 && !always) return false;
            retired = true;
            if (journal != null) {
                try {
                    journal.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot close " + dir.resolve(name), e);
                }
            }
            return true;
        }
    }
}
