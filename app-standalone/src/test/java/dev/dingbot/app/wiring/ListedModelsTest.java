package dev.dingbot.app.wiring;

import dev.dingbot.core.model.ChatListener;
import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.port.ChatModel;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ListedModelsTest {

    /** Counting exactly is what the ceiling exists to avoid; this model's count must never be reached. */
    private static final class CeilingOnly implements ChatModel {
        @Override public String modelName() { return "gpt-4o"; }
        @Override public ChatResult complete(ChatRequest request) { throw new AssertionError("not asked"); }
        @Override public ChatResult stream(ChatRequest request, ChatListener listener) { throw new AssertionError("not asked"); }
        @Override public int countTokens(List<ChatTurn> turns) { throw new AssertionError("counted exactly"); }
        @Override public int tokenCeiling(List<ChatTurn> turns) { return 42; }
    }

    @Test
    void the_token_ceiling_is_the_providers_own_and_never_an_exact_count() {
        var listed = new ListedModels(new CeilingOnly(), List.of("gpt-4o", "gpt-4o-mini"));

        assertThat(listed.tokenCeiling(List.of(ChatTurn.user("你好")))).isEqualTo(42);
    }

    @Test
    void every_method_of_the_chat_model_port_is_passed_on_not_left_to_its_default() {
        List<String> notPassedOn = Arrays.stream(ChatModel.class.getMethods())
                .filter(method -> !declares(ListedModels.class, method))
                .map(Method::getName)
                .toList();

        assertThat(notPassedOn).isEmpty();
    }

    private static boolean declares(Class<?> type, Method method) {
        try {
            type.getDeclaredMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
