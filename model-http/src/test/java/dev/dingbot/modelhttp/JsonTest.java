package dev.dingbot.modelhttp;

import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.RecyclerPool;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTest {

    @Test
    void parse_and_write_buffers_a_thread_gave_back_are_taken_by_the_next_thread_not_kept_per_thread() throws Exception {
        RecyclerPool<BufferRecycler> pool = Json.MAPPER.getFactory()._getRecyclerPool();
        BufferRecycler givenBack = CompletableFuture.supplyAsync(() -> {
            BufferRecycler buffers = pool.acquireAndLinkPooled();
            buffers.releaseToPool();
            return buffers;
        }).get();

        BufferRecycler taken = CompletableFuture.supplyAsync(pool::acquireAndLinkPooled, Runnable::run).get();

        assertThat(taken).isSameAs(givenBack);
    }
}
