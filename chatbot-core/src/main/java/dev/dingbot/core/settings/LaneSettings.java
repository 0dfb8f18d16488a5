package dev.dingbot.core.settings;

import java.time.Duration;
import java.util.Objects;

/**
 * Intake and concurrency.
 *
 * @param workers            answers worked on at once, across all conversations
 * @param maxQueued          messages waiting for a worker before new ones get a "busy" reply
 * @param maxQueuedPerSender messages one sender may have waiting or being answered in one conversation; past
 *                           that, new ones are refused with one short notice a minute, so one sender cannot fill
 *                           the queue everybody shares
 * @param staleAfter         messages older than this when they arrive are dropped unanswered
 */
public record LaneSettings(int workers, int maxQueued, int maxQueuedPerSender, Duration staleAfter) {

    public LaneSettings {
        if (workers < 1) throw new IllegalArgumentException("workers must be >= 1");
        if (maxQueued < 0) throw new IllegalArgumentException("maxQueued must be >= 0");
        if (maxQueuedPerSender < 1) throw new IllegalArgumentException("maxQueuedPerSender must be >= 1");
        Objects.requireNonNull(staleAfter, "staleAfter");
    }

    public static LaneSettings defaults() {
        return new LaneSettings(64, 2000, 5, Duration.ofMinutes(30));
    }
}
