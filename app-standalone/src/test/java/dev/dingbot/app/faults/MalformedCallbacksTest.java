package dev.dingbot.app.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dingbot.app.system.BotProcess;
import dev.dingbot.app.system.FakeWorld;
import dev.dingbot.testkit.dingtalk.ApiMessage;
import dev.dingbot.testkit.dingtalk.BotMessages;
import dev.dingbot.testkit.dingtalk.CallbackHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bot in HTTP callback mode under bad callbacks: generated bad payloads (signed), unsigned, forged and replayed
 * ones, huge and non-JSON bodies, wrong methods. Each gets a 4xx (or 200 when the payload is still a bot message),
 * never a 5xx or a stack trace; the bot keeps running and answers a good callback afterwards.
 */
class MalformedCallbacksTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    final FakeWorld world = new FakeWorld();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final Map<Integer, Integer> statuses = new TreeMap<>();
    BotProcess bot;
    URI callback;

    @BeforeEach
    void start() throws Exception {
        world.fsync("never").writeConfig(dir, "info", "http", "");
        bot = world.runBot(dir);
        callback = URI.create("http://127.0.0.1:" + world.httpPort + "/callback");
    }

    @AfterEach
    void stop() {
        if (bot != null) bot.close();
        world.close();
    }

    @Test
    void bad_forged_and_replayed_callbacks_get_4xx_and_the_bot_still_answers_a_good_one() throws Exception {
        BadPayloads bad = new BadPayloads(7, world.gateway.apiBaseUrl());
        for (int i = 0; i < 1_000; i++) {
            byte[] body = bad.next(i);
            int status = post(signedNow(), body, "application/json");
            if (isJson(body)) assertThat(status).as("signed payload %d", i).isIn(200, 400);
            else assertThat(status).as("signed payload %d, not JSON", i).isEqualTo(400);
        }
        byte[] good = message("a good question").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 100; i++) {
            assertThat(post(Map.of(), good, "application/json")).as("unsigned").isEqualTo(401);
            assertThat(post(CallbackHeaders.signedNow("not-the-secret-" + i), good, "application/json")).as("forged")
                    .isEqualTo(401);
            assertThat(post(Map.of("timestamp", Long.toString(System.currentTimeMillis()), "sign", Base64.getEncoder().encodeToString(
                    ("junk" + i).getBytes(StandardCharsets.UTF_8))), good, "application/json")).as("junk sign")
                    .isEqualTo(401);
            long past = System.currentTimeMillis() - Duration.ofMinutes(61 + i).toMillis();
            assertThat(post(signed(Long.toString(past)), good, "application/json")).as("replayed an hour late")
                    .isEqualTo(401);
            long future = System.currentTimeMillis() + Duration.ofMinutes(61 + i).toMillis();
            assertThat(post(signed(Long.toString(future)), good, "application/json")).as("from the future")
                    .isEqualTo(401);
        }
        for (String timestamp : List.of("", "abc", "1e12", "-1", "99999999999999999999999", " ")) {
            assertThat(post(signed(timestamp), good, "application/json")).as("timestamp '%s'", timestamp)
                    .isEqualTo(401);
        }
        for (String body : List.of("", "<xml/>", "a=1&b=2", "[]", "null", "\"text\"", "{}", "{\"msgId\":\"\"}")) {
            assertThat(post(signedNow(), body.getBytes(StandardCharsets.UTF_8), "text/plain"))
                    .as("body '%s'", body).isEqualTo(400);
        }
        assertThat(post(signedNow(), new byte[2 << 20], "application/octet-stream")).as("2 MiB of zeros")
                .isEqualTo(413);
        assertThat(http.send(HttpRequest.newBuilder(callback).GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).as("GET").isBetween(400, 499);

        String last = message("the last question");
        assertThat(post(signedNow(), last.getBytes(StandardCharsets.UTF_8), "application/json")).isEqualTo(200);
        assertThat(post(signedNow(), last.getBytes(StandardCharsets.UTF_8), "application/json"))
                .as("the same message again").isEqualTo(200);
        String session = JSON.readTree(last).path("sessionWebhook").asText().replaceAll(".*session=", "");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (world.api.messages().stream().noneMatch(m -> m.target().equals(session))) {
            assertThat(System.nanoTime()).as("the last question answered").isLessThan(deadline);
            Thread.sleep(50);
        }
        Thread.sleep(500);

        assertThat(world.api.messages()).filteredOn(m -> m.target().equals(session)).singleElement()
                .extracting(ApiMessage::text).isEqualTo("hello world");
        assertThat(world.api.messages()).extracting(ApiMessage::text)
                .noneMatch(t -> t.contains("Exception") || t.contains("\tat ") || t.contains("at dev.dingbot"));
        assertThat(statuses.keySet()).allMatch(s -> s < 500);
        assertThat(bot.output().lines().filter(line -> line.contains(" ERROR ") && line.contains(" d.d.")))
                .as("errors logged by the bot's own code").isEmpty();
        assertThat(bot.isAlive()).isTrue();
        System.out.printf("malformed callbacks: statuses %s, %d replies posted%n", statuses,
                world.api.messages().size());
    }

    @Test
    void a_signed_timestamp_and_sign_seen_on_the_wire_are_refused_with_401_when_posted_again() throws Exception {
        Map<String, String> captured = signedNow();
        String question = message("my own question");
        assertThat(post(captured, question.getBytes(StandardCharsets.UTF_8), "application/json")).isEqualTo(200);

        String forged = BotMessages.privateChat().text("#查对话 username:bob").sender("admin", "管理员")
                .sessionWebhookBase(world.gateway.apiBaseUrl()).json();
        assertThat(post(captured, forged.getBytes(StandardCharsets.UTF_8), "application/json")).as("replayed")
                .isEqualTo(401);
        assertThat(post(captured, question.getBytes(StandardCharsets.UTF_8), "application/json"))
                .as("replayed with its own body").isEqualTo(401);

        String session = JSON.readTree(question).path("sessionWebhook").asText().replaceAll(".*session=", "");
        world.awaitMessage(0, Duration.ofSeconds(30));
        assertThat(world.api.messages()).singleElement().satisfies(m -> assertThat(m.target()).isEqualTo(session));
    }

    private String message(String text) {
        return BotMessages.privateChat().text(text).sessionWebhookBase(world.gateway.apiBaseUrl()).json();
    }

    private int post(Map<String, String> headers, byte[] body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(callback).timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        statuses.merge(response.statusCode(), 1, Integer::sum);
        return response.statusCode();
    }

    private static Map<String, String> signedNow() {
        return CallbackHeaders.signedNow(FakeWorld.CLIENT_SECRET);
    }

    private static Map<String, String> signed(String timestamp) {
        return CallbackHeaders.signed(timestamp, FakeWorld.CLIENT_SECRET);
    }

    private static boolean isJson(byte[] body) {
        try {
            JSON.readTree(body);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
