package dev.dingbot.core.intake;

import dev.dingbot.core.concurrent.DaemonThreads;
import dev.dingbot.core.concurrent.VirtualThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Threads for the lanes: a virtual thread per lane on JDK 21+ (answers spend their life waiting on the model),
 * otherwise a cached pool of platform threads. The lane's semaphore bounds how many work at once either way.
 */
final class LaneThreads {

    private static final Logger log = LoggerFactory.getLogger(LaneThreads.class);
    private static final long IDLE_SECONDS = 5;

    private LaneThreads() {
    }

    /** @param name what the threads do, for the log and their names: {@code lane}, {@code tool} */
    static ExecutorService create(String name) {
        return VirtualThreads.perTaskExecutor().map(virtual -> {
            log.debug("{} threads are virtual", name);
            return virtual;
        }).orElseGet(() -> platform(name));
    }

    /**
     * A cached pool of platform threads named {@code name-N}: for work that must not queue among virtual ones. A
     * thread idle for {@link #IDLE_SECONDS} ends: a burst's threads are given back soon after it, while starting one
     * again costs tens of microseconds.
     */
    static ExecutorService platform(String name) {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(),
                DaemonThreads.named(name));
    }
}
