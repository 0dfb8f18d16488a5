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
}
