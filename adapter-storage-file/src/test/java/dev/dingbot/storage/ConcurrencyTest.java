package dev.dingbot.storage;

import dev.dingbot.core.contract.InboxContract;
import dev.dingbot.core.model.Mode;
import dev.dingbot.core.model.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Many threads on the same keys: what a restart reads back is what the running store held. */
class ConcurrencyTest {

    private static final int THREADS = 8;
    private static final int EACH = 200;
    private static final int KEYS = 5;

    @TempDir
    Path dir;

    @Test
    void concurrent_writes_to_shared_keys_read_back_the_same_after_a_restart() throws Exception {
        Map<String, Optional<Session>> sessionsBefore = new HashMap<>();
        Map<String, Integer> quotasBefore = new HashMap<>();
        AtomicInteger admitted = new AtomicInteger();
        LocalDate day = LocalDate.of(2026, 6, 1);
        try (FileStorage storage = FileStorage.open(StorageSettings.defaults(dir))) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> work = new java.util.ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    work.add(pool.submit(() -> {
                        for (int i = 0; i < EACH; i++) {
                            String key = "k" + (i % KEYS);
                            if (i % 7 == 6) storage.sessions().delete(key);
                            else storage.sessions().save(key, new Session(Mode.CONTEXT, List.of(), thread * EACH + i,
                                    Instant.EPOCH.plusSeconds(i)));
                            if (storage.quotas().tryAcquire("u" + (i % KEYS), day, 1000) && i % 3 == 0) {
                                storage.quotas().release("u" + (i % KEYS), day);
                            }
                            // every thread tries the same ids: each must be admitted exactly once
                            if (storage.inbox().admit(InboxContract.message("m" + i))) admitted.incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : work) f.get();
            } finally {
                pool.shutdownNow();
            }
            for (int k = 0; k < KEYS; k++) {
                sessionsBefore.put("k" + k, storage.sessions().find("k" + k));
                quotasBefore.put("u" + k, storage.quotas().used("u" + k, day));
            }
        }
        assertThat(admitted).hasValue(EACH);
        try (FileStorage storage = FileStorage.open(StorageSettings.defaults(dir))) {
            for (int k = 0; k < KEYS; k++) {
                assertThat(storage.sessions().find("k" + k)).isEqualTo(sessionsBefore.get("k" + k));
                assertThat(storage.quotas().used("u" + k, day)).isEqualTo(quotasBefore.get("u" + k));
            }
            assertThat(storage.inbox().pending()).hasSize(EACH);
        }
    }
}
