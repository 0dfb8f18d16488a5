package dev.dingbot.core.intake;

import dev.dingbot.core.concurrent.DaemonThreads;
import dev.dingbot.core.concurrent.VirtualThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Threads for the lanes: a virtual thread per lane on JDK 21+ (answers spend their life waiting on the model),
 * otherwise a cached pool of platform threads. The lane's semaphore bounds how many work at once either way.
 */
final class LaneThreads {

    private static final Logger log = LoggerFactory.getLogger(LaneThreads.class);

    private LaneThreads() {
    }

    /** @param name what the threads do, for the log and their names: {@code lane}, {@code tool} */
    static ExecutorService create(String name) {
        return VirtualThreads.perTaskExecutor().map(virtual -> {
            log.debug("{} threads are virtual", name);
            return virtual;
        }).orElseGet(() -> platform(name));
    }

    /** A cached pool of platform threads named {@code name-N}: for work that must not queue among virtual ones. */
    static ExecutorService platform(String name) {
        return Executors.newCachedThreadPool(DaemonThreads.named(name));
    }
}
