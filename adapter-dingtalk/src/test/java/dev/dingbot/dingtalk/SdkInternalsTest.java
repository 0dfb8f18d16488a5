package dev.dingbot.dingtalk;

import com.dingtalk.open.app.api.OpenDingTalkClient;
import com.dingtalk.open.app.api.OpenDingTalkStreamClientBuilder;
import com.dingtalk.open.app.api.callback.DingTalkStreamTopics;
import com.dingtalk.open.app.api.security.AuthClientCredential;
import dev.dingbot.testkit.dingtalk.BotMessages;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What the bot changes in the Stream SDK's own threads and buffers. */
class SdkInternalsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void frame_consumers_stop_after_the_idle_time_and_start_again_for_the_next_frame() throws Exception {
        OpenDingTalkClient client = OpenDingTalkStreamClientBuilder.custom().consumeThreads(4)
                .credential(new AuthClientCredential("app", "secret"))
                .registerCallbackListener(DingTalkStreamTopics.BOT_MESSAGE_TOPIC, message -> null)
                .build();
        ThreadPoolExecutor consumers = consumersOf(client);
        try {
            SdkInternals.releaseIdleConsumers(client, Duration.ofMillis(300));
            assertThat(consumers.getPoolSize()).as("none before the first frame").isZero();

            runOne(consumers);
            assertThat(RecordingBot.awaitUntil(() -> consumers.getPoolSize() == 0, WAIT)).isTrue();
            runOne(consumers);
            assertThat(consumers.getPoolSize()).as("started again, and idle for less than 300 ms").isEqualTo(1);
        } finally {
            consumers.shutdownNow();
        }
    }

    @Test
    void the_sdks_netty_allocates_each_buffer_on_the_heap_as_it_needs_it_instead_of_pooling_chunks() throws Exception {
        try (StreamRig rig = new StreamRig(new RecordingBot())) {
            rig.gateway.pushBotMessage(BotMessages.group().msgId("one").json());
            assertThat(rig.gateway.awaitAcks(1, WAIT)).isTrue();

            shade.io.netty.buffer.ByteBufAllocator allocator = shade.io.netty.buffer.ByteBufAllocator.DEFAULT;
            assertThat(allocator).isInstanceOf(shade.io.netty.buffer.UnpooledByteBufAllocator.class);
            shade.io.netty.buffer.ByteBuf buffer = allocator.buffer();
            try {
                assertThat(buffer.isDirect()).isFalse();
            } finally {
                buffer.release();
            }
        }
    }

    private static void runOne(ThreadPoolExecutor consumers) throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        consumers.execute(ran::countDown);
        assertThat(ran.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    }

    private static ThreadPoolExecutor consumersOf(OpenDingTalkClient client) throws ReflectiveOperationException {
        Field executor = client.getClass().getDeclaredField("executor");
        executor.setAccessible(true);
        return (ThreadPoolExecutor) executor.get(client);
    }
}
