package dev.dingbot.benchmarks.system;

import dev.dingbot.testkit.DingbotWorld;
import dev.dingbot.testkit.dingtalk.ApiRequest;
import dev.dingbot.testkit.dingtalk.BotMessages;
import dev.dingbot.testkit.dingtalk.FakeDingTalkApi;
import dev.dingbot.testkit.dingtalk.FakeDingTalkGateway;
import dev.dingbot.testkit.openai.FakeOpenAiServer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The loopback world of {@link DingbotWorld} with what the benchmarks add: messages from users of their own and a
 * config.yml that stops the bot quickly.
 */
final class World implements AutoCloseable {

    static final String CLIENT_ID = DingbotWorld.CLIENT_ID;

    private final DingbotWorld world = new DingbotWorld();
    final FakeOpenAiServer openAi = world.openAi;
    final FakeDingTalkApi api = world.api;
    final FakeDingTalkGateway gateway = world.gateway;

    /**
     * Writes config.yml (base keys, {@code dingtalkKeys} under {@code dingtalk:}, then {@code extraYaml}) and the
     * repository's prompt.yml into {@code dir}.
     */
    Path writeConfig(Path repoRoot, Path dir, String dingtalkKeys, String extraYaml) throws IOException {
        return world.writeConfig(dir, repoRoot.resolve("prompt.yml"), DingbotWorld.BotConfig.defaults()
                .withDingtalkKeys(dingtalkKeys).withExtraYaml("shutdown_grace: 5s\n" + extraYaml));
    }

    /** A private message from its own user (so that it gets a lane of its own), replying to the fake webhook. */
    BotMessages privateFrom(String staffId, String text) {
        return BotMessages.privateChat().sender(staffId, "User " + staffId).text(text)
                .sessionWebhookBase(gateway.apiBaseUrl());
    }

    /** A group message in a group of its own (so that its AI card has a space of its own). */
    BotMessages groupOf(String conversationId, String staffId, String text) {
        return BotMessages.group().conversation(conversationId, "Bench " + conversationId)
                .sender(staffId, "User " + staffId).text(text).sessionWebhookBase(gateway.apiBaseUrl());
    }

    List<ApiRequest> requests(String path) {
        return api.requests(path);
    }

    @Override
    public void close() {
        world.close();
    }
}
