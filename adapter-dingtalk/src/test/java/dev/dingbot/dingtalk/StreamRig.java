package dev.dingbot.dingtalk;

import dev.dingbot.core.memory.InMemoryReplayGuard;
import dev.dingbot.testkit.dingtalk.FakeDingTalkGateway;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A fake gateway and a started channel whose SDK clients are connected to it. */
final class StreamRig implements AutoCloseable {

    static final String CLIENT_ID = "dingTestClientId";
    static final String CLIENT_SECRET = "testSecret";

    final FakeDingTalkGateway gateway = new FakeDingTalkGateway().start();
    final RecordingBot bot;
    final RecordingReplyChannel.Log replies = new RecordingReplyChannel.Log();
    final DingTalkChannel channel;

    final List<String> ready = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<String> reconnected = new java.util.concurrent.CopyOnWriteArrayList<>();

    StreamRig(RecordingBot bot) {
        this(bot, CLIENT_ID);
    }

    /** One SDK client per client id, all connected before this returns; reconnections land in {@link #reconnected}. */
    StreamRig(RecordingBot bot, String... clientIds) {
        this.bot = bot;
        DingTalkChannel.Events events = new DingTalkChannel.Events() {
            @Override
            public void streamReady(String clientId) {
                ready.add(clientId);
            }

            @Override
            public void streamReconnected(String clientId) {
                reconnected.add(clientId);
            }
        };
        channel = channel(gateway, bot, replies, events, clientIds);
        channel.startStream();
        assertThat(gateway.awaitConnections(clientIds.length, Duration.ofSeconds(20)))
                .as("the SDK connected to the fake gateway").isTrue();
        // The SDK registers a session just after the handshake; frames before that cannot be tied to it.
        assertThat(awaitConnected()).as("the SDK registered its connections").isTrue();
    }

    /** A channel of one SDK client per client id towards {@code gateway}, not started. */
    static DingTalkChannel channel(FakeDingTalkGateway gateway, RecordingBot bot, RecordingReplyChannel.Log replies,
                                   DingTalkChannel.Events events, String... clientIds) {
        List<DingTalkSettings.Credential> credentials = Arrays.stream(clientIds)
                .map(id -> new DingTalkSettings.Credential(id, CLIENT_SECRET)).toList();
        DingTalkSettings settings = DingTalkSettings.builder().credentials(credentials).apiHost(gateway.apiBaseUrl())
                .httpTimeout(Duration.ofSeconds(5)).sendRetries(0).build();
        return new DingTalkChannel(settings, bot, Clock.systemUTC(), new InMemoryReplayGuard(Clock.systemUTC(), 100),
                http -> replies, events);
    }

    private boolean awaitConnected() {
        try {
            return RecordingBot.awaitUntil(channel::streamConnected, Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        channel.close();
        bot.close();
        gateway.close();
    }
}
