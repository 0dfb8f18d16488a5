package dev.dingbot.core.port;

/**
 * An answer shown while it is written (an AI card). Each call carries the whole content so far; the channel
 * coalesces updates to its own rhythm and never drops the latest one.
 */
public interface StreamingReply {

    /** New content while the answer is being written. Must return at once. */
    void update(String fullContent);

    /** The final content. Blocks until the last frame is sent; true when the platform accepted it. */
    boolean finish(String fullContent);

    /** Ends the answer in an error state showing {@code fullContent}. Blocks like {@link #finish}. */
    boolean fail(String fullContent);
}
