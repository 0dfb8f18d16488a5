package dev.dingbot.core.testing;

import dev.dingbot.core.contract.ChatModelContract;
import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.port.ChatModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FakeChatModelTest extends ChatModelContract {

    @Override
    protected ChatModel answeringHelloWorld() {
        return new FakeChatModel().answering(request -> ANSWER);
    }

    @Override
    protected ChatModel failing() {
        return new FakeChatModel().failingWith(ChatStatus.SERVER_ERROR, "overloaded");
    }

    @Test
    void scripted_results_come_first_then_the_answer_function() {
        FakeChatModel model = new FakeChatModel().thenReturn(ChatResult.failed(ChatStatus.RATE_LIMITED, "slow down"));
        ChatRequest request = new ChatRequest(List.of(ChatTurn.user("hi")), "u", 10);

        assertThat(model.complete(request).status()).isEqualTo(ChatStatus.RATE_LIMITED);
        assertThat(model.complete(request).text()).isEqualTo("answer to: hi");
        assertThat(model.requests()).hasSize(2);
    }
}
