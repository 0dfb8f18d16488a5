package dev.dingbot.app.system;

import dev.dingbot.app.cli.CliContext;
import dev.dingbot.app.cli.DingbotCommand;
import dev.dingbot.app.wiring.StandaloneLauncher;
import dev.dingbot.testkit.openai.FakeOpenAiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleChatTest {

    @TempDir
    Path dir;

    @Test
    void dingbot_chat_answers_lines_from_stdin_through_the_full_pipeline() throws Exception {
        try (FakeOpenAiServer openAi = FakeOpenAiServer.start()) {
            openAi.defaultAnswer("来自模型的回答", 4, Duration.ZERO, Duration.ZERO);
            try (var prompts = getClass().getResourceAsStream("/dev/dingbot/app/starter/prompt.yml")) {
                Files.copy(prompts, dir.resolve("prompt.yml"));
            }
            Files.writeString(dir.resolve("config.yml"), """
                    api_key: "sk-console"
                    base_url: "%s"
                    run_mode: http
                    help: "console help"
                    """.formatted(openAi.rootUrl()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String input = "帮助\n串聊\n你好\n余额\n";
            CliContext ctx = new CliContext(new StandaloneLauncher(), Map.of(), dir,
                    new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));

            int exit = DingbotCommand.commandLine(ctx).execute("chat", "--config", dir.resolve("config.yml").toString());

            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(exit).as(printed).isZero();
            assertThat(printed).contains("console help")
                    .contains("现在进入与 console 的串聊模式")
                    .contains("来自模型的回答")
                    .contains("💵 余额:");
        }
    }

    @Test
    void in_chat_a_generated_image_and_a_conversation_log_are_saved_as_files_whose_paths_are_printed() throws Exception {
        try (FakeOpenAiServer openAi = FakeOpenAiServer.start()) {
            Files.writeString(dir.resolve("config.yml"), """
                    api_key: "sk-console"
                    base_url: "%s"
                    image_model: "dall-e-3"
                    run_mode: http
                    service_url: "https://bot.example.com"
                    """.formatted(openAi.rootUrl()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CliContext ctx = new CliContext(new StandaloneLauncher(), Map.of(), dir,
                    new ByteArrayInputStream("你好\n#图片 一只猫\n#查对话 username:console\n".getBytes(StandardCharsets.UTF_8)),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));

            int exit = DingbotCommand.commandLine(ctx).execute("chat", "--config", dir.resolve("config.yml").toString());

            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(exit).as(printed).isZero();
            assertThat(printed).startsWith("dingbot chat").contains("\n> ").doesNotContain("service_url");
            Matcher image = Pattern.compile("!\\[]\\((/[^)]+\\.png)\\)").matcher(printed);
            assertThat(image.find()).as(printed).isTrue();
            assertThat(Path.of(image.group(1))).isRegularFile().isNotEmptyFile();
            Matcher log = Pattern.compile("(/\\S+conversation-\\d+\\.md)").matcher(printed);
            assertThat(log.find()).as(printed).isTrue();
            assertThat(Path.of(log.group(1))).content(StandardCharsets.UTF_8).contains("你好");
        }
    }
}
