package dev.dingbot.core.port;

import java.time.LocalDate;

/** Daily request counters. Each method is atomic per user and day. */
public interface QuotaStore {

    /** Counts one request if fewer than {@code limit} were counted for that day; true when counted. */
    boolean tryAcquire(String user, LocalDate day, int limit);

    /** Gives back one counted request (the work never reached a model). */
    void release(String user, LocalDate day);

    int used(String user, LocalDate day);
}
