package dev.dingbot.storage;

/**
 * How one journal's appends reach the disk. Derived from the configured {@link FsyncPolicy} and from what the
 * journal holds: only the inbox must be on the disk before the bot goes on (it is what DingTalk is ACKed for);
 * sessions, quotas, usage and history are not worth a wait on the answer's path under {@code batch}.
 */
enum Durability {
    /** Forced on its own before the append returns. */
    EACH_APPEND,
    /** The append returns once a force shared with concurrent writers covers it (group commit). */
    GROUP_COMMIT,
    /** The append returns once written to the OS; the storage's upkeep thread forces it shortly after. */
    BACKGROUND,
    /** Left to the OS. */
    NONE;

    /** For the inbox: an admitted message must survive a power cut before DingTalk is told it arrived. */
    static Durability ofInbox(FsyncPolicy policy) {
        return switch (policy) {
            case ALWAYS -> EACH_APPEND;
            case BATCH -> GROUP_COMMIT;
            case NEVER -> NONE;
        };
    }

    /** For sessions, quotas, usage and history: a power cut may take their last moments, never a question. */
    static Durability ofRecords(FsyncPolicy policy) {
        return switch (policy) {
            case ALWAYS -> EACH_APPEND;
            case BATCH -> BACKGROUND;
            case NEVER -> NONE;
        };
    }
}
