package dev.dingbot.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dingbot.core.ChatBot.Admission;
import dev.dingbot.core.memory.InMemoryInbox;
import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.ChatKind;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.MessageType;
import dev.dingbot.core.model.QuotedMessage;
import dev.dingbot.core.model.Sender;
import dev.dingbot.core.port.Inbox;
import dev.dingbot.core.testing.HookedInbox;
import dev.dingbot.testkit.dingtalk.BotMessages;
import dev.dingbot.testkit.dingtalk.BotMessages.Quote;
import dev.dingbot.testkit.dingtalk.BotMessages.RichPart;
import dev.dingbot.testkit.dingtalk.StreamAck;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Stream mode through the real dingtalk-stream SDK against the loopback fake gateway. */
class StreamIntakeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_group_text_message_is_handed_to_the_bot_once_with_its_fields_and_acked_before_the_answer_is_done()
            throws Exception {
        try (StreamRig rig = new StreamRig(new RecordingBot(null, Duration.ofSeconds(2)))) {
            Instant createAt = Instant.ofEpochMilli(1_700_000_000_000L);
            BotMessages payload = BotMessages.group().text(" summarize this thread").msgId("msgGRP0001==")
                    .createAt(createAt).sessionWebhookBase("http://127.0.0.1:18080");

            String messageId = rig.gateway.pushBotMessage(payload.json());

            StreamAck ack = rig.gateway.awaitAck(messageId, WAIT).orElseThrow();
            assertThat(ack.code()).isEqualTo(200);
            assertThat(ack.message()).isEqualTo("OK");
            assertThat(JSON.readTree(ack.data()).has("response")).isTrue();
            assertThat(rig.bot.awaitFinished("msgGRP0001==", WAIT)).isTrue();
            assertThat(ack.receivedNanos()).as("ACK arrived before the slow answer finished")
                    .isLessThan(rig.bot.finishedAtNanos("msgGRP0001=="));

            assertThat(rig.bot.messages()).containsExactly(new IncomingMessage("msgGRP0001==",
                    StreamRig.CLIENT_ID, ChatKind.GROUP, "cidGroupAAAA1111==", "Dev team",
                    new Sender("user001", "Alice", "$:LWCP_v1:$aliceALI789"), MessageType.TEXT,
                    "summarize this thread", List.of(), QuotedMessage.NONE, createAt,
                    Map.of(RouteKeys.SESSION_WEBHOOK, payload.sessionWebhook(),
                            RouteKeys.SESSION_WEBHOOK_EXPIRES, Long.toString(createAt.toEpochMilli() + 5_400_000),
                            RouteKeys.ROBOT_CODE, "dingrobotcode01")));
            assertThat(rig.replies.sent()).singleElement()
                    .satisfies(s -> assertThat(s.inReplyTo().msgId()).isEqualTo("msgGRP0001=="));
        }
    }

    @Test
    void the_sdk_registers_the_app_credential_and_the_bot_topic_when_opening_a_connection() throws Exception {
        try (StreamRig rig = new StreamRig(new RecordingBot())) {
            JsonNode body = JSON.readTree(rig.gateway.openConnectionBodies().get(0));
            assertThat(body.path("clientId").asText()).isEqualTo(StreamRig.CLIENT_ID);
            assertThat(body.path("subscriptions").findValuesAsText("topic")).contains("/v1.0/im/bot/messages/get");
            assertThat(RecordingBot.awaitUntil(rig.channel::streamConnected, WAIT)).isTrue();
        }
    }

    @Test
    void a_frame_pushed_three_times_reaches_the_bot_three_times_with_the_same_mapping() throws Exception {
        try (StreamRig rig = new StreamRig(new RecordingBot())) {
            String payload = BotMessages.privateChat().text("what is the capital of France?").json();

            List<String> messageIds = List.of(rig.gateway.pushBotMessage(payload),
                    rig.gateway.pushBotMessage(payload), rig.gateway.pushBotMessage(payload));

            assertThat(rig.bot.awaitHandled(3, WAIT)).isTrue();
            assertThat(rig.gateway.awaitAcks(3, WAIT)).isTrue();
            assertThat(messageIds).doesNotHaveDuplicates();
            List<IncomingMessage> seen = rig.bot.messages();
            assertThat(seen).hasSize(3);
            assertThat(seen.get(1)).isEqualTo(seen.get(0));
            assertThat(seen.get(2)).isEqualTo(seen.get(0));
        }
    }

    @Test
    void a_redelivered_message_is_admitted_once_by_an_inbox_and_every_delivery_is_acked() throws Exception {
        try (StreamRig rig = new StreamRig(new RecordingBot(new InMemoryInbox(), Duration.ZERO))) {
            String payload = BotMessages.group().text(" once please").json();

            List<String> messageIds = List.of(rig.gateway.pushBotMessage(payload),
                    rig.gateway.pushBotMessage(payload), rig.gateway.pushBotMessage(payload));

            assertThat(rig.bot.awaitHandled(3, WAIT)).isTrue();
            for (String id : messageIds) {
                assertThat(rig.gateway.awaitAck(id, WAIT)).hasValueSatisfying(a -> assertThat(a.code()).isEqualTo(200));
            }
            assertThat(rig.bot.handled()).extracting(RecordingBot.Handled::admission)
                    .containsExactlyInAnyOrder(Admission.ACCEPTED, Admission.DUPLICATE, Admission.DUPLICATE);
            assertThat(RecordingBot.awaitUntil(() -> rig.replies.sent().size() == 1, WAIT)).isTrue();
        }
    }

    @Test
    void a_message_the_bot_could_not_save_is_acked_with_an_error_and_taken_when_the_gateway_delivers_it_again()
            throws Exception {
        AtomicBoolean diskFull = new AtomicBoolean(true);
        Inbox failsOnce = new HookedInbox(m -> {
            if (diskFull.getAndSet(false)) throw HookedInbox.diskFull();
        });
        try (StreamRig rig = new StreamRig(new RecordingBot(failsOnce, Duration.ZERO))) {
            rig.gateway.redeliverUnacked(Duration.ofMillis(200));

            String first = rig.gateway.pushBotMessage(BotMessages.privateChat().text("save me").json());

            assertThat(rig.gateway.awaitAck(first, WAIT)).hasValueSatisfying(a -> assertThat(a.code()).isEqualTo(500));
            assertThat(rig.gateway.awaitAllBotMessagesAcked(WAIT)).isTrue();
            assertThat(rig.bot.handled()).extracting(RecordingBot.Handled::admission)
                    .containsExactly(Admission.NOT_SAVED, Admission.ACCEPTED);
            assertThat(rig.gateway.redeliveries()).isEqualTo(1);
        }
    }

    @Test
    void a_system_ping_is_answered_with_its_opaque_echoed() throws Exception {
        try (StreamRig rig = new StreamRig(new RecordingBot())) {
            String messageId = rig.gateway.ping("abc-123");

            StreamAck pong = rig.gateway.awaitAck(messageId, WAIT).orElseThrow();
            assertThat(pong.code()).isEqualTo(200);
            assertThat(JSON.readTree(pong.data()).path("opaque").asText()).isEqualTo("abc-123");
            assertThat(rig.bot.handled()).isEmpty();
        }
    }

    @Test
    void audio_picture_rich_text_and_unknown_messages_are_mapped_through_the_sdk() throws Exception {
        try (StreamRig rig = new StreamRig(new RecordingBot())) {
            rig.gateway.pushBotMessage(BotMessages.privateChat().msgId("a").audio("what time is it", "dlAudio").json());
            rig.gateway.pushBotMessage(BotMessages.privateChat().msgId("p").picture("dlPic01==").json());
            rig.gateway.pushBotMessage(BotMessages.group().msgId("r").richText(RichPart.text("What is wrong here?"),
                    RichPart.picture("dlPic02=="), RichPart.text("see the red box")).json());
            rig.gateway.pushBotMessage(BotMessages.group().msgId("u").unknownType("interactiveCard").json());

            assertThat(rig.bot.awaitHandled(4, WAIT)).isTrue();
            assertThat(rig.gateway.awaitAcks(4, WAIT)).isTrue();
            assertThat(rig.gateway.acks()).allSatisfy(a -> assertThat(a.code()).isEqualTo(200));
            Map<String, IncomingMessage> byId = rig.bot.messages().stream()
                    .collect(java.util.stream.Collectors.toMap(IncomingMessage::msgId, m -> m));

            assertThat(byId.get("a").type()).isEqualTo(MessageType.AUDIO);
            assertThat(byId.get("a").text()).isEqualTo("what time is it");
            assertThat(byId.get("p").type()).isEqualTo(MessageType.PICTURE);
            assertThat(byId.get("p").pictures()).containsExactly(Attachment.picture("dlPic01=="));
            assertThat(byId.get("r").type()).isEqualTo(MessageType.RICH_TEXT);
            assertThat(byId.get("r").text()).isEqualTo("What is wrong here?\nsee the red box");
            assertThat(byId.get("r").pictures()).containsExactly(Attachment.picture("dlPic02=="));
            assertThat(byId.get("u").type()).isEqualTo(MessageType.UNKNOWN);
            assertThat(byId.get("u").text()).isEmpty();
        }
    }

    @Test
    void a_reply_quoting_a_file_and_a_rich_text_with_a_file_reach_the_bot_through_the_sdk_with_their_files()
            throws Exception {
        try (StreamRig rig = new StreamRig(new RecordingBot())) {
            rig.gateway.pushBotMessage(BotMessages.group().msgId("q").text(" 合同期限多久")
                    .replyingTo(Quote.file("合同.pdf", "dlQuoted==").asString()).json());
            rig.gateway.pushBotMessage(BotMessages.group().msgId("f").richText(RichPart.text("@bot 总结"),
                    RichPart.file("周报.docx", "dlFile==")).json());

            assertThat(rig.bot.awaitHandled(2, WAIT)).isTrue();
            Map<String, IncomingMessage> byId = rig.bot.messages().stream()
                    .collect(java.util.stream.Collectors.toMap(IncomingMessage::msgId, m -> m));

            assertThat(byId.get("q").text()).isEqualTo("合同期限多久");
            assertThat(byId.get("q").quoted()).isEqualTo(new QuotedMessage(MessageType.FILE, "",
                    List.of(Attachment.file("dlQuoted==", "合同.pdf"))));
            assertThat(byId.get("f").files()).containsExactly(Attachment.file("dlFile==", "周报.docx"));
        }
    }

    @Test
    void json_that_is_no_bot_message_is_acked_without_reaching_the_bot() throws Exception {
        try (StreamRig rig = new StreamRig(new RecordingBot())) {
            String noMsgId = rig.gateway.pushBotMessage(BotMessages.group().without("msgId").json());
            String wrongShape = rig.gateway.pushBotMessage("{\"msgId\":\"x\",\"conversationType\":\"2\",\"text\":[1]}");
            String noChatKind = rig.gateway.pushBotMessage(BotMessages.group().without("conversationType").json());
            String notAnObject = rig.gateway.pushBotMessage("[1,2,3]");

            for (String id : List.of(noMsgId, wrongShape, noChatKind, notAnObject)) {
                assertThat(rig.gateway.awaitAck(id, WAIT)).as("ACK of %s", id)
                        .hasValueSatisfying(a -> assertThat(a.code()).isEqualTo(200));
            }
            String good = rig.gateway.pushBotMessage(BotMessages.group().msgId("after").json());
            assertThat(rig.gateway.awaitAck(good, WAIT)).isPresent();
            assertThat(rig.bot.awaitHandled(1, WAIT)).isTrue();
            assertThat(rig.bot.messages()).extracting(IncomingMessage::msgId).containsExactly("after");
        }
    }

    /** The SDK parses data as JSON before calling the listener and sends no ACK when that fails. */
    @Test
    void data_that_is_not_json_gets_no_ack_from_the_sdk_and_the_connection_keeps_working() throws Exception {
        try (StreamRig rig = new StreamRig(new RecordingBot())) {
            String notJson = rig.gateway.pushBotMessage("{this is not json");
            String good = rig.gateway.pushBotMessage(BotMessages.group().msgId("after").json());

            assertThat(rig.gateway.awaitAck(good, WAIT)).hasValueSatisfying(a -> assertThat(a.code()).isEqualTo(200));
            assertThat(rig.bot.awaitHandled(1, WAIT)).isTrue();
            assertThat(rig.gateway.awaitAck(notJson, Duration.ofMillis(300))).isEmpty();
            assertThat(rig.bot.messages()).extracting(IncomingMessage::msgId).containsExactly("after");
            assertThat(rig.gateway.openConnections()).isEqualTo(1);
        }
    }

    @Test
    void each_app_gets_its_own_connection_and_messages_carry_the_receiving_app() throws Exception {
        try (StreamRig rig = new StreamRig(new RecordingBot(), "appOne", "appTwo")) {
            rig.gateway.pushBotMessageTo("appOne", BotMessages.group().msgId("m1").without("robotCode").json());
            rig.gateway.pushBotMessageTo("appTwo", BotMessages.group().msgId("m2").without("robotCode").json());

            assertThat(rig.bot.awaitHandled(2, WAIT)).isTrue();
            Map<String, IncomingMessage> byId = rig.bot.messages().stream()
                    .collect(java.util.stream.Collectors.toMap(IncomingMessage::msgId, m -> m));
            assertThat(byId.get("m1").appId()).isEqualTo("appOne");
            assertThat(byId.get("m1").route()).containsEntry(RouteKeys.ROBOT_CODE, "appOne");
            assertThat(byId.get("m2").appId()).isEqualTo("appTwo");
            assertThat(rig.gateway.openConnectionCalls()).isEqualTo(2);
            assertThat(RecordingBot.awaitUntil(rig.channel::streamConnected, WAIT)).isTrue();
        }
    }

    @Test
    void the_public_factory_builds_a_channel_that_takes_stream_messages_in() throws Exception {
        try (var gateway = new dev.dingbot.testkit.dingtalk.FakeDingTalkGateway().start();
             RecordingBot bot = new RecordingBot()) {
            DingTalkSettings settings = DingTalkSettings.builder()
                    .credentials(List.of(new DingTalkSettings.Credential(StreamRig.CLIENT_ID, StreamRig.CLIENT_SECRET)))
                    .apiHost(gateway.apiBaseUrl()).httpTimeout(Duration.ofSeconds(5)).sendRetries(0).build();
            try (DingTalkChannel channel = DingTalkChannel.create(settings, bot, java.time.Clock.systemUTC())) {
                assertThat(channel.streamConnected()).isFalse();
                channel.startStream();
                assertThat(RecordingBot.awaitUntil(channel::streamConnected, WAIT)).isTrue();
                // the client may see its socket open a moment before the gateway has it in its list
                assertThat(gateway.awaitConnections(1, WAIT)).isTrue();

                String messageId = gateway.pushBotMessage(BotMessages.privateChat().msgId("viaFactory").json());

                assertThat(gateway.awaitAck(messageId, WAIT)).isPresent();
                assertThat(bot.awaitHandled(1, WAIT)).isTrue();
                IncomingMessage handled = bot.messages().get(0);
                assertThat(handled.msgId()).isEqualTo("viaFactory");
                assertThat(channel.replyChannelFor(handled)).isNotNull();
            }
        }
    }

    @Test
    void a_burst_of_two_hundred_frames_is_all_acked_and_handed_over_once_each() throws Exception {
        try (StreamRig rig = new StreamRig(new RecordingBot())) {
            List<String> messageIds = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                messageIds.add(rig.gateway.pushBotMessage(BotMessages.group().msgId("burst-" + i).json()));
            }

            assertThat(rig.gateway.awaitAcks(200, Duration.ofSeconds(15))).isTrue();
            assertThat(rig.bot.awaitHandled(200, WAIT)).isTrue();
            assertThat(rig.gateway.acks()).extracting(StreamAck::messageId).containsExactlyInAnyOrderElementsOf(messageIds);
            assertThat(rig.gateway.acks()).allSatisfy(a -> assertThat(a.code()).isEqualTo(200));
            assertThat(rig.bot.messages()).extracting(IncomingMessage::msgId).doesNotHaveDuplicates().hasSize(200);
        }
    }

    @Test
    void forty_frames_are_admitted_at_once_while_each_admission_waits_for_the_disk() throws Exception {
        int concurrent = 40; // more than the SDK's default of 16 consumers
        java.util.concurrent.CountDownLatch allWaiting = new java.util.concurrent.CountDownLatch(concurrent);
        // an admission that waits, as one waiting for a shared force does, until all forty wait at once
        Inbox slowDisk = new HookedInbox(m -> {
            allWaiting.countDown();
            try {
                allWaiting.await(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (StreamRig rig = new StreamRig(new RecordingBot(slowDisk, Duration.ZERO))) {
            long start = System.nanoTime();
            for (int i = 0; i < concurrent; i++) {
                rig.gateway.pushBotMessage(BotMessages.group().msgId("wait-" + i).json());
            }
            assertThat(rig.gateway.awaitAcks(concurrent, Duration.ofSeconds(15))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("all forty were waiting at once, so none waited out the timeout").isLessThan(WAIT);
        }
    }

    @Test
    void an_idle_bot_runs_no_frame_consumers_and_a_burst_starts_at_most_sixty_four() throws Exception {
        assertThat(RecordingBot.awaitUntil(() -> consumerThreads() == 0, WAIT))
                .as("the consumers of the tests before have stopped").isTrue();
        try (StreamRig rig = new StreamRig(new RecordingBot())) {
            assertThat(consumerThreads()).as("connected, no frame yet").isZero();

            for (int i = 0; i < 200; i++) {
                rig.gateway.pushBotMessage(BotMessages.group().msgId("burst-" + i).json());
            }
            assertThat(rig.gateway.awaitAcks(200, Duration.ofSeconds(15))).isTrue();

            assertThat(consumerThreads()).isBetween(1L, 64L);
        }
    }

    private static long consumerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("DingTalk-Consumer")).count();
    }
}
