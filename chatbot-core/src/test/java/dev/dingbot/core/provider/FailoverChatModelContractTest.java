package dev.dingbot.core.provider;

import dev.dingbot.core.contract.ChatModelContract;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.port.ChatModel;
import dev.dingbot.core.settings.FailoverSettings;
import dev.dingbot.core.testing.FakeChatModel;
import dev.dingbot.core.testing.MutableClock;

import java.time.Instant;
import java.util.List;

/** A chain keeps the port's promises: a failing first provider behind an answering one, and two failing ones. */
class FailoverChatModelContractTest extends ChatModelContract {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));

    @Override
    protected ChatModel answeringHelloWorld() {
        return chain(new FakeChatModel().failingWith(ChatStatus.SERVER_ERROR, "down"),
                new FakeChatModel().answering(r -> ANSWER));
    }

    @Override
    protected ChatModel failing() {
        return chain(new FakeChatModel().failingWith(ChatStatus.NETWORK, "refused"),
                new FakeChatModel().failingWith(ChatStatus.TIMEOUT, "no answer"));
    }

    private FailoverChatModel chain(FakeChatModel first, FakeChatModel second) {
        return new FailoverChatModel(List.of(new FailoverChatModel.Provider("first", first),
                new FailoverChatModel.Provider("second", second)), FailoverSettings.defaults(), clock,
                FailoverChatModel.Listener.NONE);
    }
}
