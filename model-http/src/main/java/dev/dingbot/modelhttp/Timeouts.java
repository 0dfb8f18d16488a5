package dev.dingbot.modelhttp;

import java.time.Duration;
import java.util.Objects;

/**
 * The time limits of one call to a model server.
 *
 * @param connect  TCP/TLS connect
 * @param idleRead longest silence between two reads (a stream's keep-alive comments and {@code ping} events count
 *                 as reads)
 * @param overall  whole call, including a streamed answer
 */
public record Timeouts(Duration connect, Duration idleRead, Duration overall) {
    public Timeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(idleRead, "idleRead");
        Objects.requireNonNull(overall, "overall");
    }
}
