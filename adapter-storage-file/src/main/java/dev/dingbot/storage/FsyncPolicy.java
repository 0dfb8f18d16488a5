package dev.dingbot.storage;

/** When appended records are forced to the disk before the write is acknowledged. */
public enum FsyncPolicy {
    /** Every append is forced on its own before it returns. Safest, slowest. */
    ALWAYS,
    /**
     * Group commit: an append returns once a shared force covering it has finished, so concurrent writers share
     * one force. Nothing acknowledged is lost.
     */
    BATCH,
    /** Appends return once written to the operating system; a power cut may lose the last moments. */
    NEVER
}
