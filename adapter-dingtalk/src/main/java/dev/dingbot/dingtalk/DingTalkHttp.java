package dev.dingbot.dingtalk;

import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.internal.concurrent.TaskRunner;
import okhttp3.internal.connection.ConnectionListener;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The OkHttpClient of the DingTalk side: OpenAPI calls, session webhooks, cards and downloads. Its connection pool
 * runs its upkeep on a task runner of its own. OkHttp's default task runner is one lock for the whole JVM, which
 * the model's client takes too, each time one of its connections opens or goes idle; under a burst of new answers
 * thousands do, and a 帮助 whose connection went back to the pool waited for that lock for up to 0.4 s, holding
 * its connection meanwhile, so that the replies behind it waited as well (P3, docs/BENCHMARKS.md). OkHttp offers
 * the pool's task runner only in its internal package: the compiler checks it at each OkHttp upgrade.
 */
final class DingTalkHttp {

    /** OkHttp's own defaults for a pool. */
    private static final int IDLE_CONNECTIONS = 5;
    private static final Duration KEEP_ALIVE = Duration.ofMinutes(5);
    /** Named like OkHttp's own threads, and 15 characters, all the kernel keeps of a thread's name. */
    private static final String UPKEEP_THREAD = "OkHttp DingTalk";

    private DingTalkHttp() {
    }

    /** A client whose calls each give up after {@code timeout} without progress (connect, read, write). */
    static OkHttpClient client(Duration timeout) {
        TaskRunner upkeep = new TaskRunner(new TaskRunner.RealBackend(task -> {
            Thread t = new Thread(task, UPKEEP_THREAD);
            t.setDaemon(true);
            return t;
        }), Logger.getLogger(DingTalkHttp.class.getName()));
        long millis = timeout.toMillis();
        // taskRunner$okhttp is Kotlin's name for the builder's internal setter
        return new OkHttpClient.Builder()
                .taskRunner$okhttp(upkeep)
                .connectionPool(new ConnectionPool(IDLE_CONNECTIONS, KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS,
                        upkeep, ConnectionListener.Companion.getNONE()))
                .connectTimeout(millis, TimeUnit.MILLISECONDS)
                .readTimeout(millis, TimeUnit.MILLISECONDS)
                .writeTimeout(millis, TimeUnit.MILLISECONDS)
                .build();
    }
}
