package dev.dingbot.core.contract;

import dev.dingbot.core.model.ChatListener;
import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.port.ChatModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * What every {@link ChatModel} must do. A subclass supplies a model whose provider answers every question with
 * {@code "hello world"}, and one whose provider fails (an error status, a refused connection, ...).
 */
public abstract class ChatModelContract {

    protected static final String ANSWER = "hello world";

    /** A model whose provider answers "hello world", streamed in more than one piece when streaming. */
    protected abstract ChatModel answeringHelloWorld();

    /** A model whose provider fails every call. */
    protected abstract ChatModel failing();

    private static ChatRequest question(String text) {
        return new ChatRequest(List.of(ChatTurn.system("Be brief."), ChatTurn.user(text)), "user-1", 256);
    }

    @Test
    void the_model_has_a_name() {
        assertThat(answeringHelloWorld().modelName()).isNotBlank();
    }

    @Test
    void complete_returns_ok_with_the_answer_text() {
        ChatResult result = answeringHelloWorld().complete(question("Say hello"));

        assertThat(result.status()).isEqualTo(ChatStatus.OK);
        assertThat(result.text()).isEqualTo(ANSWER);
        assertThat(result.providerMessage()).isEmpty();
    }

    @Test
    void stream_delivers_deltas_in_order_whose_concatenation_is_the_result_text() {
        List<String> deltas = new ArrayList<>();

        ChatResult result = answeringHelloWorld().stream(question("Say hello"), deltas::add);

        assertThat(result.status()).isEqualTo(ChatStatus.OK);
        assertThat(result.text()).isEqualTo(ANSWER);
        assertThat(deltas).hasSizeGreaterThan(1).doesNotContain("");
        assertThat(String.join("", deltas)).isEqualTo(result.text());
    }

    @Test
    void stream_gives_the_listener_pieces_on_the_calling_thread() {
        Thread caller = Thread.currentThread();
        List<Thread> seen = new ArrayList<>();

        answeringHelloWorld().stream(question("Say hello"), delta -> seen.add(Thread.currentThread()));

        assertThat(seen).isNotEmpty().containsOnly(caller);
    }

    @Test
    void stream_async_completes_with_what_stream_returns_its_pieces_in_order() {
        List<String> deltas = new CopyOnWriteArrayList<>();

        ChatResult result = streamedAsync(answeringHelloWorld(), deltas);

        assertThat(result.status()).isEqualTo(ChatStatus.OK);
        assertThat(result.text()).isEqualTo(ANSWER);
        assertThat(String.join("", deltas)).isEqualTo(result.text());
    }

    @Test
    void a_failed_stream_async_completes_normally_with_the_failure_as_a_value() {
        List<String> deltas = new CopyOnWriteArrayList<>();

        ChatResult result = streamedAsync(failing(), deltas);

        assertThat(result.status()).isNotEqualTo(ChatStatus.OK);
        assertThat(result.text()).isEmpty();
        assertThat(deltas).isEmpty();
    }

    /** The model's async stream of a greeting, its pieces gathered into {@code deltas}. */
    private static ChatResult streamedAsync(ChatModel model, List<String> deltas) {
        return model.streamAsync(question("Say hello"), deltas::add).orTimeout(30, TimeUnit.SECONDS).join();
    }

    @Test
    void a_failed_completion_comes_back_as_a_value_not_an_exception() {
        ChatModel model = failing();
        ChatResult[] result = new ChatResult[1];

        assertThatCode(() -> result[0] = model.complete(question("Say hello"))).doesNotThrowAnyException();

        assertThat(result[0].status()).isNotEqualTo(ChatStatus.OK);
        assertThat(result[0].status().hasAnswer()).isFalse();
        assertThat(result[0].providerMessage()).isNotBlank();
    }

    @Test
    void a_failed_stream_comes_back_as_a_value_and_delivers_nothing() {
        ChatModel model = failing();
        List<String> deltas = new ArrayList<>();
        ChatResult[] result = new ChatResult[1];

        assertThatCode(() -> result[0] = model.stream(question("Say hello"), deltas::add)).doesNotThrowAnyException();

        assertThat(result[0].status()).isNotEqualTo(ChatStatus.OK);
        assertThat(result[0].text()).isEmpty();
        assertThat(deltas).isEmpty();
    }

    @Test
    void stream_works_with_a_listener_that_ignores_the_pieces() {
        ChatResult result = answeringHelloWorld().stream(question("Say hello"), ChatListener.IGNORE);

        assertThat(result.text()).isEqualTo(ANSWER);
    }

    @Test
    void token_count_is_positive_and_grows_with_the_text() {
        ChatModel model = answeringHelloWorld();
        int empty = model.countTokens(List.of());
        int shortOne = model.countTokens(List.of(ChatTurn.user("Hello!")));
        int longOne = model.countTokens(List.of(ChatTurn.user("Hello! " + "Tell me about the sea. ".repeat(20))));
        int twoTurns = model.countTokens(List.of(ChatTurn.user("Hello!"), ChatTurn.assistant("Hi.")));

        assertThat(empty).isGreaterThanOrEqualTo(0);
        assertThat(shortOne).isGreaterThan(0).isGreaterThan(empty);
        assertThat(longOne).isGreaterThan(shortOne);
        assertThat(twoTurns).isGreaterThan(shortOne);
    }

    @Test
    void the_token_ceiling_is_never_below_the_token_count() {
        ChatModel model = answeringHelloWorld();
        List<List<ChatTurn>> prompts = List.of(List.of(),
                List.of(ChatTurn.system("You are a helpful assistant."), ChatTurn.user("Hello!")),
                List.of(ChatTurn.user("今天北京的天气怎么样？请用三句话回答。"), ChatTurn.assistant("晴，最高 12°C 😀")),
                List.of(ChatTurn.user("Tell me about the sea. ".repeat(50))));

        for (List<ChatTurn> prompt : prompts) {
            assertThat(model.tokenCeiling(prompt)).as("%s", prompt).isGreaterThanOrEqualTo(model.countTokens(prompt));
        }
    }
}
