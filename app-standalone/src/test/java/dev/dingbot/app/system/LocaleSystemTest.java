package dev.dingbot.app.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.app.Main;
import dev.dingbot.testkit.openai.FakeOpenAiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real main under the C locale, as in a bare container, a cron job or {@code env -i}. */
class LocaleSystemTest {

    @TempDir
    Path dir;

    @Test
    void under_LC_ALL_C_chat_prints_chinese_reads_chinese_input_and_takes_DEFAULT_MODE_串聊_from_the_environment()
            throws Exception {
        try (FakeOpenAiServer openAi = FakeOpenAiServer.start()) {
            openAi.defaultAnswer("来自模型的回答", 4, Duration.ZERO, Duration.ZERO);
            Map<String, String> env = Map.of("LC_ALL", "C", "LANG", "C", "APIKEY", "sk-locale",
                    "BASE_URL", openAi.rootUrl(), "RUN_MODE", "http", "DEFAULT_MODE", "串聊", "HELP", "中文帮助");

            Chat chat = chat(env, "帮助\n你好\n");

            assertThat(chat.exit).as(chat.output).isZero();
            assertThat(chat.output).contains("中文帮助", "来自模型的回答").doesNotContain("???");
            JsonNode question = FakeOpenAiServer.json(openAi.takeRequest()).path("messages");
            assertThat(question.get(question.size() - 1).path("content").asText()).isEqualTo("你好");
        }
    }

    @Test
    void chat_shows_no_info_log_lines_between_the_questions_and_the_answers() throws Exception {
        try (FakeOpenAiServer openAi = FakeOpenAiServer.start()) {
            Chat chat = chat(Map.of("LANG", "C.UTF-8", "APIKEY", "sk-locale", "BASE_URL", openAi.rootUrl(),
                    "RUN_MODE", "http"), "你好\n");

            assertThat(chat.exit).as(chat.output).isZero();
            assertThat(chat.output).contains("hello world").doesNotContain(" INFO ");
        }
    }

    private record Chat(int exit, String output) { }

    /** Runs {@code dingbot chat} in a JVM of its own with only {@code env} (and PATH) in its environment. */
    private Chat chat(Map<String, String> env, String input) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "chat"))
                .directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("chat ends at the end of its input").isTrue();
        return new Chat(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
