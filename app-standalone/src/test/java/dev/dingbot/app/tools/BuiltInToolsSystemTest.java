package dev.dingbot.app.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.app.system.BotInFakeWorld;
import dev.dingbot.testkit.dingtalk.ApiCard;
import dev.dingbot.testkit.dingtalk.BotMessages;
import dev.dingbot.testkit.openai.ScriptedToolCall;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.dingbot.app.tools.ModelRequests.chatRequests;
import static dev.dingbot.app.tools.ModelRequests.toolMessages;
import static dev.dingbot.app.tools.ModelRequests.toolNames;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tool calls through the real main with the built-in tools, against the fake model: the model asks for
 * {@code tls_certificate} of a name that is no domain (so no connection leaves the machine), and the bot runs the
 * call and asks again.
 */
class BuiltInToolsSystemTest extends BotInFakeWorld {

    private static final ScriptedToolCall CERT_OF_LOCALHOST =
            new ScriptedToolCall("call_cert_1", "tls_certificate", "{\"domain\":\"localhost\"}");

    @Test
    void a_question_leads_to_a_tool_call_whose_result_goes_back_with_the_matching_call_id_and_the_user_sees_the_answer()
            throws Exception {
        world.openAi.defaultAnswer("证书查询被拒绝了。", 4, Duration.ZERO, Duration.ZERO).enqueueToolCalls(List.of(CERT_OF_LOCALHOST));
        world.writeConfig(dir, "");
        bot = world.runStreamBot(dir);

        assertThat(world.ask(BotMessages.privateChat().text("localhost 的证书什么时候过期？")).text()).isEqualTo("证书查询被拒绝了。");

        List<JsonNode> requests = chatRequests(world.openAi);
        assertThat(requests).hasSize(2);
        assertThat(toolNames(requests.get(0))).containsExactly("whois", "tls_certificate");
        assertThat(requests.get(0).path("tool_choice").asText()).isEqualTo("auto");
        JsonNode messages = requests.get(1).path("messages");
        JsonNode calling = messages.get(messages.size() - 2);
        assertThat(calling.path("role").asText()).isEqualTo("assistant");
        assertThat(calling.path("tool_calls").get(0).path("id").asText()).isEqualTo("call_cert_1");
        assertThat(calling.path("tool_calls").get(0).path("function").path("name").asText()).isEqualTo("tls_certificate");
        JsonNode result = messages.get(messages.size() - 1);
        assertThat(result.path("role").asText()).isEqualTo("tool");
        assertThat(result.path("tool_call_id").asText()).isEqualTo("call_cert_1");
        assertThat(result.path("content").asText()).startsWith("Error (invalid_arguments):").contains("域名");
        bot.awaitOutput("tool builtin/tls_certificate: invalid_arguments", Duration.ofSeconds(5));
    }

    @Test
    void after_max_rounds_the_model_is_asked_once_more_without_tools_and_the_answer_says_so() throws Exception {
        world.openAi.defaultAnswer("只好直接回答。", 4, Duration.ZERO, Duration.ZERO)
                .enqueueToolCalls(List.of(CERT_OF_LOCALHOST))
                .enqueueToolCalls(List.of(new ScriptedToolCall("call_cert_2", "tls_certificate", "{\"domain\":\"localhost\"}")));
        world.writeConfig(dir, "tools:\n  max_rounds: 2\n");
        bot = world.runStreamBot(dir);

        String answer = world.ask(BotMessages.privateChat().text("查一下证书")).text();

        assertThat(answer).startsWith("只好直接回答。").contains("工具调用已达上限（2 轮）");
        List<JsonNode> requests = chatRequests(world.openAi);
        assertThat(requests).hasSize(3);
        assertThat(requests).extracting(r -> r.has("tools")).containsExactly(true, true, false);
    }

    @Test
    void a_provider_that_answers_400_to_tools_gets_the_question_again_without_them_and_the_log_says_so_once()
            throws Exception {
        world.openAi.defaultAnswer("没有工具也能回答。", 4, Duration.ZERO, Duration.ZERO).refuseTools(true);
        world.writeConfig(dir, "");
        bot = world.runStreamBot(dir);

        assertThat(world.ask(BotMessages.privateChat().text("第一个问题")).text()).isEqualTo("没有工具也能回答。");
        assertThat(world.ask(BotMessages.privateChat().text("第二个问题")).text()).isEqualTo("没有工具也能回答。");

        List<JsonNode> requests = chatRequests(world.openAi);
        assertThat(requests).extracting(r -> r.has("tools")).containsExactly(true, false, false);
        assertThat(bot.output().split("takes no tools", -1)).as(bot.output()).hasSize(2);
    }

    @Test
    void an_ai_card_shows_a_progress_line_per_call_above_the_answer() throws Exception {
        world.openAi.defaultAnswer("查好了。", 4, Duration.ZERO, Duration.ZERO).enqueueToolCalls(List.of(CERT_OF_LOCALHOST));
        world.writeConfig(dir, "stream_mode: true\n");
        bot = world.runStreamBot(dir);
        int before = world.api.cards().size();

        world.gateway.pushBotMessage(BotMessages.group().text(" 证书").sessionWebhookBase(world.gateway.apiBaseUrl()).json());

        ApiCard card = world.awaitFinishedCard(before, Duration.ofSeconds(30));
        assertThat(card.param("msgContent")).contains("🔧 tls_certificate ❌ invalid_arguments").endsWith("查好了。");
        assertThat(world.api.messages()).isEmpty();
    }

    @Test
    void with_tools_switched_off_the_request_is_as_it_was_before_tools() throws Exception {
        world.writeConfig(dir, "tools:\n  enabled: false\n");
        bot = world.runStreamBot(dir);

        world.ask(BotMessages.privateChat().text("你好"));

        assertThat(chatRequests(world.openAi)).singleElement().satisfies(r -> {
            assertThat(r.has("tools")).isFalse();
            assertThat(r.has("tool_choice")).isFalse();
        });
    }
}
