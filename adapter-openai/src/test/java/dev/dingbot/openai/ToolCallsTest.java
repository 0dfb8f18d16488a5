package dev.dingbot.openai;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.model.ChatListener;
import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.ToolCall;
import dev.dingbot.core.model.ToolDefinition;
import dev.dingbot.core.port.ChatModel;
import dev.dingbot.testkit.openai.FakeOpenAiServer;
import dev.dingbot.testkit.openai.OpenAiJson;
import dev.dingbot.testkit.openai.ScriptedToolCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Tool calls over the wire: asked for, gathered, and a server that takes no tools. */
class ToolCallsTest {

    private static final ToolDefinition TIME = ToolDefinition.builtIn("time", "The time now", null);
    private static final ChatRequest ASKING = new ChatRequest(List.of(ChatTurn.user("what time is it?")), "u", 100,
            List.of(TIME));

    private final FakeOpenAiServer server = FakeOpenAiServer.start();
    private final OpenAiProvider provider = OpenAiProvider.create(Fixtures.settings(server));
    private final ChatModel model = provider.chatModel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.dingbot.openai");

    @BeforeEach
    void capture() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(appender);
        provider.close();
        server.close();
    }

    private List<String> toolWarnings() {
        return appender.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("takes no tools")).toList();
    }

    @Test
    void two_calls_streamed_with_their_arguments_in_pieces_come_back_as_calls_in_order() {
        server.enqueueToolCalls(List.of(new ScriptedToolCall("call_1", "whois", "{\"domain\":\"dingtalk.com\"}"),
                new ScriptedToolCall("call_2", "time", "{\"zone\":\"Asia/Shanghai\"}")));

        ChatResult result = model.stream(ASKING, ChatListener.IGNORE);

        assertThat(result.wantsTools()).isTrue();
        assertThat(result.toolCalls()).containsExactly(
                new ToolCall("call_1", "whois", "{\"domain\":\"dingtalk.com\"}"),
                new ToolCall("call_2", "time", "{\"zone\":\"Asia/Shanghai\"}"));
        JsonNode sent = server.takeRequestJson();
        assertThat(sent.at("/tools/0/function/name").asText()).isEqualTo("time");
        assertThat(sent.get("tool_choice").asText()).isEqualTo("auto");
    }

    @Test
    void calls_in_a_whole_answer_come_back_as_calls() {
        server.enqueueToolCalls(List.of(new ScriptedToolCall("call_9", "time", "{}")));

        ChatResult result = model.complete(ASKING);

        assertThat(result.status()).isEqualTo(ChatStatus.OK);
        assertThat(result.toolCalls()).containsExactly(new ToolCall("call_9", "time", "{}"));
    }

    @Test
    void a_stream_cut_after_tool_call_deltas_is_asked_again_since_nothing_was_shown() {
        server.enqueueRawStream(List.of("data: " + OpenAiJson.toolCallChunk("m", 0,
                new ScriptedToolCall("call_1", "time", ""), "{\"zo") + "\n\n"), Duration.ZERO);
        server.enqueueToolCalls(List.of(new ScriptedToolCall("call_2", "time", "{}")));

        ChatResult result = model.stream(ASKING, ChatListener.IGNORE);

        assertThat(server.requestCount()).isEqualTo(2);
        assertThat(result.toolCalls()).containsExactly(new ToolCall("call_2", "time", "{}"));
    }

    @Test
    void a_server_refusing_tools_is_asked_again_at_once_without_them_and_from_then_on_warned_about_once() {
        server.refuseTools(true);

        ChatResult first = model.stream(ASKING, ChatListener.IGNORE);
        ChatResult second = model.complete(ASKING);

        assertThat(first.status()).isEqualTo(ChatStatus.OK);
        assertThat(first.text()).isEqualTo("hello world");
        assertThat(second.text()).isEqualTo("hello world");
        assertThat(server.requestCount()).isEqualTo(3);
        assertThat(server.takeRequestJson().has("tools")).isTrue();
        assertThat(server.takeRequestJson().has("tools")).isFalse();
        JsonNode later = server.takeRequestJson();
        assertThat(later.has("tools")).isFalse();
        assertThat(later.has("tool_choice")).isFalse();
        assertThat(toolWarnings()).singleElement().satisfies(line -> assertThat(line)
                .contains("gpt-4o-mini", server.baseUrl() + "/chat/completions", "this model does not support tools"));
    }

    @Test
    void the_warning_about_refused_tools_masks_what_the_server_echoes_of_the_key() {
        server.enqueueErrorEchoingCredentials(400, "tools are not supported");

        model.complete(ASKING);

        assertThat(toolWarnings()).singleElement().satisfies(line -> assertThat(line)
                .contains("tools are not supported").doesNotContain(Fixtures.KEY));
    }

    @Test
    void when_the_question_without_tools_fails_too_that_failure_is_returned_and_tools_are_offered_again_next_time() {
        server.enqueueJson(400, OpenAiJson.error("Invalid 'messages[0]': empty content", "invalid_request_error", null))
                .enqueueJson(400, OpenAiJson.error("Invalid 'messages[0]': still empty", "invalid_request_error", null));

        ChatResult result = model.complete(ASKING);
        model.complete(ASKING);

        assertThat(result.status()).isEqualTo(ChatStatus.BAD_REQUEST);
        assertThat(result.providerMessage()).isEqualTo("Invalid 'messages[0]': still empty");
        assertThat(server.requestCount()).isEqualTo(3);
        server.takeRequest();
        server.takeRequest();
        assertThat(server.takeRequestJson().has("tools")).isTrue();
        assertThat(toolWarnings()).isEmpty();
    }

    @Test
    void a_refusal_that_is_not_400_or_422_is_not_taken_for_a_server_without_tools() {
        server.enqueueJson(403, OpenAiJson.error("Country, region, or territory not supported", "request_forbidden",
                "unsupported_country_region_territory"));

        ChatResult result = model.complete(ASKING);

        assertThat(result.status()).isEqualTo(ChatStatus.BAD_REQUEST);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void a_request_offering_no_tools_that_fails_as_bad_request_is_not_sent_again() {
        server.enqueueJson(422, OpenAiJson.error("invalid parameters", "invalid_request_error", null));

        ChatResult result = model.complete(ASKING.withoutTools());

        assertThat(result.status()).isEqualTo(ChatStatus.BAD_REQUEST);
        assertThat(server.requestCount()).isEqualTo(1);
    }
}
