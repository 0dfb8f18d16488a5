package dev.dingbot.app.wiring;

import dev.dingbot.app.config.AppConfig;
import dev.dingbot.core.ChatBot;
import dev.dingbot.core.ChatBotBuilder;
import dev.dingbot.core.memory.InMemoryInbox;
import dev.dingbot.core.model.ChatKind;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.MessageType;
import dev.dingbot.core.model.QuotedMessage;
import dev.dingbot.core.model.Sender;
import dev.dingbot.core.settings.AccessSettings;
import dev.dingbot.core.settings.BotSettings;
import dev.dingbot.ops.DomainOps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code dingbot chat}: each line typed is a private message from a local admin, answered through the whole
 * pipeline and the configured model. State lives in memory, so a running bot's data dir is left alone.
 */
final class ConsoleChat {

    static final Sender LOCAL_USER = new Sender("console", "console", "console");
    private static final Duration POLL = Duration.ofMillis(20);

    private final AppConfig config;
    private final Clock clock;

    ConsoleChat(AppConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    int run(InputStream in, PrintStream out) throws IOException, InterruptedException {
        DomainOps ops = DomainOps.create(config.lookupSettings(), clock);
        try (ModelProvider model = ModelProvider.create(config.modelConfig());
             BotTools tools = BotTools.start(config.tools(), ops, clock)) {
            InMemoryInbox inbox = new InMemoryInbox();
            ChatBot bot = new ChatBotBuilder()
                    .settings(withLocalAdmin(config.botSettings()))
                    .chatModel(model.chatModel()).imageModel(model.imageModel()).balance(model.balance())
                    .domains(ops.lookup()).tools(tools.box())
                    .links(new ConsoleFiles(filesFolder()))
                    .inbox(inbox).clock(clock)
                    .build();
            ConsoleChannel channel = new ConsoleChannel(out);
            out.println("dingbot chat — model " + config.modelConfig().model() + ". 发送「帮助」查看指令；Ctrl-D 结束。");
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = prompt(lines, out); line != null; line = prompt(lines, out)) {
                if (line.isBlank()) continue;
                bot.handle(message(line), channel);
                awaitAnswered(inbox);
            }
            bot.shutdown(config.shutdownGrace());
            return 0;
        } catch (IOException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            out.println("dingbot chat: " + e.getMessage());
            return 1;
        }
    }

    /** Shows where to type, then reads the next line; null at the end of the input. */
    private static String prompt(BufferedReader lines, PrintStream out) throws IOException {
        out.print("> ");
        out.flush();
        return lines.readLine();
    }

    /** Where images and conversation logs of this chat are saved: a folder of its own, made on first use. */
    private static Path filesFolder() {
        return Path.of(System.getProperty("java.io.tmpdir"), "dingbot-chat-" + ProcessHandle.current().pid());
    }

    private IncomingMessage message(String text) {
        return new IncomingMessage(UUID.randomUUID().toString(), "console", ChatKind.PRIVATE, "console", "",
                LOCAL_USER, MessageType.TEXT, text, List.of(), QuotedMessage.NONE,
                clock.instant(), Map.of());
    }

    /** The answer is out once the inbox marks the message complete. */
    private void awaitAnswered(InMemoryInbox inbox) throws InterruptedException {
        long deadline = System.nanoTime() + config.modelConfig().deadline().plusSeconds(30).toNanos();
        while (!inbox.pending().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
        }
    }

    private static BotSettings withLocalAdmin(BotSettings settings) {
        AccessSettings a = settings.access();
        Set<String> admins = new HashSet<>(a.adminUsers());
        admins.add(LOCAL_USER.staffId());
        return settings.toBuilder().access(new AccessSettings(a.allowedChats(), a.allowGroups(), a.allowUsers(),
                a.denyUsers(), a.vipUsers(), admins)).build();
    }
}
