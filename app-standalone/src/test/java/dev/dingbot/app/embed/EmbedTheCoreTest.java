package dev.dingbot.app.embed;

import dev.dingbot.core.ChatBot;
import dev.dingbot.core.ChatBotBuilder;
import dev.dingbot.core.model.ChatKind;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.MessageType;
import dev.dingbot.core.model.QuotedMessage;
import dev.dingbot.core.model.OutgoingMessage;
import dev.dingbot.core.model.Sender;
import dev.dingbot.core.port.ReplyChannel;
import dev.dingbot.core.settings.BotSettings;
import dev.dingbot.openai.OpenAiProvider;
import dev.dingbot.openai.OpenAiSettings;
import dev.dingbot.testkit.openai.FakeOpenAiServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's "Embed the core" example, compiled and run here so it cannot rot. */
class EmbedTheCoreTest {

    /** Another app's own way to deliver answers: here, a list. */
    static final class MyChannel implements ReplyChannel {
        final List<String> answers = new CopyOnWriteArrayList<>();

        @Override public boolean send(OutgoingMessage message) { return answers.add(message.text()); }
    }

    static ChatBot embed(String baseUrl, String apiKey, ReplyChannel channel) {
        // README:begin
        OpenAiProvider provider = OpenAiProvider.create(OpenAiSettings.defaults(baseUrl, apiKey, "deepseek-chat"));
        ChatBot bot = new ChatBotBuilder()
                .settings(BotSettings.builder().helpText("Ask me anything").build())
                .chatModel(provider.chatModel())      // stores default to memory
                .build();
        IncomingMessage message = new IncomingMessage("msg-1", "my-app", ChatKind.PRIVATE, "conv-1", "",
                new Sender("u1", "Alice", "u1"), MessageType.TEXT, "What is a bot?", List.of(),
                QuotedMessage.NONE, Instant.now(), Map.of());
        bot.handle(message, channel);                  // returns at once; the answer comes through the channel
        // README:end
        return bot;
    }

    @Test
    void the_embedding_example_answers_through_the_apps_own_channel() throws InterruptedException {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.defaultAnswer("A program that talks.", 4, Duration.ZERO, Duration.ZERO);
            MyChannel channel = new MyChannel();
            ChatBot bot = embed(server.rootUrl(), "sk-embedded", channel);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (channel.answers.isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(channel.answers).containsExactly("A program that talks.");
            assertThat(bot.shutdown(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void the_readme_shows_exactly_this_example() throws IOException {
        Path source = Path.of("src/test/java/dev/dingbot/app/embed/EmbedTheCoreTest.java");
        String example = between(Files.readString(source), "// README:begin\n", "        // README:end");
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(readme).contains(dedent(example));
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }

    private static String dedent(String block) {
        return block.lines().map(line -> line.startsWith("        ") ? line.substring(8) : line)
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
