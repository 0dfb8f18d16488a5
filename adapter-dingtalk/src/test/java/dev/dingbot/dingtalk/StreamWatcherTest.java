package dev.dingbot.dingtalk;

import dev.dingbot.testkit.dingtalk.FakeDingTalkGateway;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** How often the channel looks at its SDK clients' sessions: often until the first one, so that ready is prompt. */
class StreamWatcherTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void until_an_app_has_its_first_session_the_watcher_looks_again_within_50_ms() throws Exception {
        try (FakeDingTalkGateway gateway = new FakeDingTalkGateway().start(); RecordingBot bot = new RecordingBot()) {
            gateway.unreachable(true);
            try (DingTalkChannel channel = StreamRig.channel(gateway, bot, new RecordingReplyChannel.Log(),
                    new DingTalkChannel.Events() { }, StreamRig.CLIENT_ID)) {
                channel.startStream();

                assertThat(clientsOf(channel).nextLook()).isEqualTo(Duration.ofMillis(50));
            }
        }
    }

    @Test
    void once_every_app_was_seen_ready_the_watcher_looks_every_second() throws Exception {
        try (StreamRig rig = new StreamRig(new RecordingBot(), "appOne", "appTwo")) {
            assertThat(RecordingBot.awaitUntil(() -> rig.ready.size() == 2, WAIT)).isTrue();

            assertThat(clientsOf(rig.channel).nextLook()).isEqualTo(Duration.ofSeconds(1));
            assertThat(rig.ready).containsExactlyInAnyOrder("appOne", "appTwo");
        }
    }

    private static StreamClients clientsOf(DingTalkChannel channel) throws ReflectiveOperationException {
        Field stream = DingTalkChannel.class.getDeclaredField("stream");
        stream.setAccessible(true);
        return (StreamClients) stream.get(channel);
    }
}
