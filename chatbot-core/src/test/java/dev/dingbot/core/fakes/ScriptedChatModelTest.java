package dev.dingbot.core.fakes;

import dev.dingbot.core.contract.ChatModelContract;
import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.port.ChatModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptedChatModelTest extends ChatModelContract {

    @Override
    protected ChatModel answeringHelloWorld() {
        return new ScriptedChatModel(ANSWER);
    }

    @Override
    protected ChatModel failing() {
        return new ScriptedChatModel(ANSWER).failEverything(ChatStatus.SERVER_ERROR, "overloaded");
    }

    @Test
    void queued_results_come_first_then_the_default_answer() {
        var model = new ScriptedChatModel(ANSWER).thenFail(ChatStatus.RATE_LIMITED, "slow down").thenAnswer("second");
        var request = new ChatRequest(List.of(ChatTurn.user("hi")), "u", 10);

        assertThat(model.complete(request).status()).isEqualTo(ChatStatus.RATE_LIMITED);
        assertThat(model.complete(request).text()).isEqualTo("second");
        assertThat(model.complete(request).text()).isEqualTo(ANSWER);
        assertThat(model.requests()).hasSize(3);
    }
}
