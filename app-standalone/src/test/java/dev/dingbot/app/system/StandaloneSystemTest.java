package dev.dingbot.app.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.testkit.dingtalk.ApiMessage;
import dev.dingbot.testkit.dingtalk.BotMessages;
import dev.dingbot.testkit.openai.FakeOpenAiServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The real main, started as a process against the fakes, holding a conversation as DingTalk users would. */
class StandaloneSystemTest {

    @TempDir
    static Path dir;
    static FakeWorld world;
    static BotProcess bot;

    @BeforeAll
    static void start() throws Exception {
        world = new FakeWorld();
        world.writeConfig(dir, """
                admin_users: ["admin01"]
                vip_users: ["user001"]
                max_request: 2
                sensitive_words: ["机密项目"]
                help: "这是帮助文本"
                """);
        bot = world.runStreamBot(dir);
    }

    @AfterAll
    static void stop() {
        if (bot != null) bot.close();
        if (world != null) world.close();
    }

    static BotMessages alice(String text) {
        return BotMessages.privateChat().text(text);
    }

    static BotMessages admin(String text) {
        return BotMessages.privateChat().sender("admin01", "Boss").text(text);
    }

    /** The last user message of the next chat request the fake model received. */
    static JsonNode nextModelMessages() {
        RecordedRequest request = world.openAi.takeRequest();
        while (request != null && !request.getUrl().encodedPath().endsWith("/chat/completions")) {
            request = world.openAi.takeRequest();
        }
        assertThat(request).as("a chat request reached the model").isNotNull();
        return FakeOpenAiServer.json(request).path("messages");
    }

    @Test
    void a_conversation_covers_every_command_through_the_real_main() throws Exception {
        assertThat(world.ask(alice("帮助")).text()).isEqualTo("这是帮助文本");

        assertThat(world.ask(alice("串聊")).text()).startsWith("**[Concentrate] 现在进入与 Alice 的串聊模式**");
        assertThat(world.ask(alice("我叫小明")).text()).isEqualTo("hello world");
        nextModelMessages();
        world.ask(alice("我叫什么？"));
        JsonNode context = nextModelMessages();
        assertThat(context).hasSize(3);
        assertThat(context.get(0).path("role").asText()).isEqualTo("user");
        assertThat(context.get(0).path("content").asText()).isEqualTo("我叫小明");
        assertThat(context.get(1).path("role").asText()).isEqualTo("assistant");

        assertThat(world.ask(alice("模板")).text()).contains("| #周报 | ");
        world.ask(alice("#周报 修好了三个线上问题"));
        JsonNode weekly = nextModelMessages();
        String expanded = weekly.get(weekly.size() - 1).path("content").asText();
        assertThat(expanded).contains("修好了三个线上问题").doesNotContain("#周报");

        assertThat(world.ask(alice("单聊")).text()).startsWith("**[Concentrate] 现在进入与 Alice 的单聊模式**");
        assertThat(world.ask(alice("重置")).text()).startsWith("[RecyclingSymbol]已重置与**Alice** 的对话模式");

        ApiMessage image = world.ask(alice("#图片 一只戴帽子的猫"));
        assertThat(image.text()).startsWith(">点击图片可旋转或放大。\n![](@lADP");
        assertThat(world.api.uploads()).hasSize(1);

        ApiMessage balance = world.ask(admin("余额"));
        assertThat(balance.format()).isEqualTo("text");
        assertThat(balance.text()).startsWith("💵 余额:").contains("📊 今日用量:").contains("gpt-4o-mini");

        ApiMessage history = world.ask(admin("#查对话 username:Alice"));
        Matcher link = Pattern.compile("在线查看: \\[点我\\]\\((http://[^)]+)\\)").matcher(history.text());
        assertThat(link.find()).as(history.text()).isTrue();
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(link.group(1))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("我叫小明").contains("hello world");

        BotMessages limited = BotMessages.privateChat().sender("quota01", "Dan");
        world.ask(limited.text("第一个问题"));
        world.ask(BotMessages.privateChat().sender("quota01", "Dan").text("第二个问题"));
        assertThat(world.ask(BotMessages.privateChat().sender("quota01", "Dan").text("第三个问题")).text())
                .startsWith("[Staple] **一个好的问题，胜过十个好的答案！**");

        assertThat(world.ask(alice("说说机密项目的进展")).text())
                .isEqualTo("**🤷 抱歉，您提问的问题中包含敏感词汇，请审核自己的对话内容之后再进行！**");
    }
}
