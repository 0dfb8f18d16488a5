package dev.dingbot.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Whether the data dir takes writes: failing from a failed write (a full disk, an I/O error) until a write
 * succeeds again. The start and the end of a failure are logged once each, not every failed write.
 */
final class WriteHealth {

    private static final Logger log = LoggerFactory.getLogger(WriteHealth.class);

    private volatile boolean failing;

    void failed(Path file, IOException e) {
        if (failing) return;
        failing = true;
        log.error("writing {} failed: {}; the data dir takes no writes until this is fixed", file, e.toString());
    }

    void succeeded() {
        if (!failing) return;
        failing = false;
        log.info("the data dir takes writes again");
    }

    boolean failing() {
        return failing;
    }
}
