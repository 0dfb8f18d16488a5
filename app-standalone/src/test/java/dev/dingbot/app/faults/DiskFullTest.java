package dev.dingbot.app.faults;

import dev.dingbot.app.system.BotInFakeWorld;
import dev.dingbot.testkit.dingtalk.ApiMessage;
import dev.dingbot.testkit.dingtalk.BotMessages;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data dir's disk fills up while the bot runs. A message the inbox cannot journal is not taken: its frame is
 * ACKed with an error, so the gateway delivers it again; the user is told, {@code /readyz} says not ready and
 * {@code /metrics} counts it. Once space is freed the redelivered message is answered, once.
 */
class DiskFullTest extends BotInFakeWorld {

    private static final String NOT_SAVED = "**🤷 机器人暂时无法保存消息，请稍后再试。**";
    private static final String ANSWER = "磁盘又有空间了";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void a_message_that_cannot_be_journaled_on_a_full_disk_is_not_acked_and_is_answered_once_after_space_is_freed()
            throws Exception {
        try (TinyFilesystem disk = TinyFilesystem.mount(dir.resolve("data"), "2m")) {
            try {
                world.fsync("never").gateway.redeliverUnacked(Duration.ofSeconds(2));
                world.openAi.defaultAnswer(ANSWER, 100, Duration.ZERO, Duration.ZERO);
                world.writeConfig(dir, "");
                bot = world.runStreamBot(dir);
                assertThat(get("/readyz").statusCode()).isEqualTo(200);
                disk.fill();

                BotMessages question = BotMessages.privateChat().sender("disk01", "Dora").text("你好")
                        .sessionWebhookBase(world.gateway.apiBaseUrl());
                String frame = world.gateway.pushBotMessage(question.json());
                ApiMessage notice = world.awaitMessage(0, Duration.ofSeconds(20));
                assertThat(notice.text()).isEqualTo(NOT_SAVED);
                assertThat(world.gateway.awaitAck(frame, Duration.ofSeconds(10))).hasValueSatisfying(
                        ack -> assertThat(ack.code()).as("not ACKed as accepted").isNotEqualTo(200));
                assertThat(get("/readyz").statusCode()).isEqualTo(503);
                assertThat(get("/metrics").body()).containsPattern("(?m)^dingbot_messages_not_saved_total [1-9]");
                await(() -> world.gateway.redeliveries() >= 1, "the gateway delivers the message again");
                assertThat(world.api.messages()).extracting(ApiMessage::text).containsOnly(NOT_SAVED);

                disk.free();
                assertThat(world.gateway.awaitAllBotMessagesAcked(Duration.ofSeconds(20))).isTrue();
                await(() -> answers().size() == 1, "the redelivered message is answered");
                Thread.sleep(1500); // a second answer, if any, would come now
                assertThat(answers()).containsExactly(ANSWER);
                await(() -> status("/readyz") == 200, "ready again once the disk takes writes");
                assertThat(bot.output()).doesNotContain("Exception in thread");
            } finally {
                if (bot != null) bot.kill(); // it holds files on the tmpfs open
            }
        }
    }

    private List<String> answers() {
        return world.api.messages().stream().map(ApiMessage::text).filter(text -> !text.equals(NOT_SAVED)).toList();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + world.httpPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int status(String path) {
        try {
            return get(path).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within 20 s: " + what);
            Thread.sleep(50);
        }
    }
}
