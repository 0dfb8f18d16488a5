package dev.dingbot.benchmarks.tools;

import dev.dingbot.benchmarks.system.Latencies;
import dev.dingbot.core.ChatBot;
import dev.dingbot.core.ChatBotBuilder;
import dev.dingbot.core.model.ChatKind;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.MessageType;
import dev.dingbot.core.model.QuotedMessage;
import dev.dingbot.core.model.Sender;
import dev.dingbot.core.model.ToolAsker;
import dev.dingbot.core.model.ToolCall;
import dev.dingbot.core.model.ToolDefinition;
import dev.dingbot.core.model.ToolResult;
import dev.dingbot.core.port.ReplyChannel;
import dev.dingbot.core.port.ToolBox;
import dev.dingbot.mcp.McpServerSettings;
import dev.dingbot.mcp.McpServerStatus;
import dev.dingbot.mcp.McpSettings;
import dev.dingbot.mcp.McpToolBox;
import dev.dingbot.openai.OpenAiProvider;
import dev.dingbot.openai.OpenAiSettings;
import dev.dingbot.testkit.mcp.FakeMcpHttpServer;
import dev.dingbot.testkit.mcp.FakeMcpStdioServer;
import dev.dingbot.testkit.openai.FakeOpenAiServer;
import dev.dingbot.testkit.openai.ScriptedToolCall;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * P8: what one tool round adds to an answer, beyond the model's and the tool's own time. The core, the OpenAI
 * adapter and the MCP adapter run in this JVM against the fake model and a fake MCP server on loopback (stdio: a
 * child process; Streamable HTTP: in this JVM), both answering at once (the model with no delay, the tool an
 * echo). Each question is asked alone, one after the other, first without a tool round and then with one; the
 * round's cost is the difference. Beside it: the MCP call alone as the bot sees it (its transport included).
 */
public final class ToolRoundBenchmark {

    private static final int WARMUP = 300;
    private static final int MEASURED = 2000;

    private ToolRoundBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-mcp-retries");
            t.setDaemon(true);
            return t;
        });
        FakeMcpStdioServer.CommandLine fake = FakeMcpStdioServer.commandLine(null);
        run("stdio", McpServerSettings.stdio("ops", fake.command()).args(fake.args()).build(), retries);
        try (FakeMcpHttpServer http = FakeMcpHttpServer.start()) {
            run("Streamable HTTP", McpServerSettings.http("ops", http.url()).build(), retries);
        }
        retries.shutdownNow();
    }

    private static void run(String transport, McpServerSettings server, ScheduledExecutorService retries)
            throws Exception {
        try (FakeOpenAiServer model = FakeOpenAiServer.start();
             OpenAiProvider provider = OpenAiProvider.create(OpenAiSettings.defaults(model.baseUrl(), "sk-bench", "gpt-4o-mini"));
             McpToolBox mcp = McpToolBox.start(McpSettings.builder().server(server).build(), retries, Clock.systemUTC())) {
            List<McpServerStatus> settled = mcp.awaitSettled(Duration.ofSeconds(30));
            if (settled.get(0).state() != McpServerStatus.State.RUNNING) {
                System.out.println(transport + ": the fake MCP server did not start: " + settled.get(0).reason());
                return;
            }
            model.defaultAnswer("done", 64, Duration.ZERO, Duration.ZERO);
            TimedTools tools = new TimedTools(mcp);
            ChatBot bot = new ChatBotBuilder().chatModel(provider.chatModel()).tools(tools).build();
            Asking asking = new Asking(bot);
            for (int i = 0; i < WARMUP; i++) {
                asking.ask(false, model);
                asking.ask(true, model);
            }
            tools.durations.clear();
            List<Long> without = new ArrayList<>();
            List<Long> with = new ArrayList<>();
            for (int i = 0; i < MEASURED; i++) {
                without.add(asking.ask(false, model));
                with.add(asking.ask(true, model));
            }
            bot.shutdown(Duration.ofSeconds(5));
            Latencies plain = Latencies.of(without);
            Latencies round = Latencies.of(with);
            Latencies call = Latencies.of(tools.durations);
            System.out.printf("%s: answer without a tool round %s%n", transport, plain.summary());
            System.out.printf("%s: answer with one tool round  %s%n", transport, round.summary());
            System.out.printf("%s: added per tool round        p50 %.2f ms, p99 %.2f ms (with minus without)%n",
                    transport, round.p50() - plain.p50(), round.p99() - plain.p99());
            System.out.printf("%s: of which the MCP call       p50 %.2f ms, p99 %.2f ms (the bot's call, transport included)%n",
                    transport, call.p50(), call.p99());
        }
    }

    /** Asks one question at a time and waits for its answer. */
    private static final class Asking {
        private final ChatBot bot;
        private final SynchronousQueue<String> answers = new SynchronousQueue<>();
        private final ReplyChannel channel;
        private int asked;

        Asking(ChatBot bot) {
            this.bot = bot;
            this.channel = message -> {
                try {
                    answers.put(message.text());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return true;
            };
        }

        /** Nanoseconds from handing the question in to the answer's arrival. */
        long ask(boolean withToolRound, FakeOpenAiServer model) throws InterruptedException {
            asked++;
            if (withToolRound) {
                model.enqueueToolCalls(List.of(new ScriptedToolCall("call_" + asked, "ops_echo", "{\"text\":\"hi\"}")));
            }
            IncomingMessage question = new IncomingMessage("bench-" + asked, "", ChatKind.PRIVATE, "cid-bench", "",
                    new Sender("user" + asked, "user", "s" + asked), MessageType.TEXT, "what is new?", List.of(),
                    QuotedMessage.NONE, Instant.now(), Map.of());
            long start = System.nanoTime();
            bot.handle(question, channel);
            String answer = answers.poll(30, TimeUnit.SECONDS);
            if (answer == null) throw new IllegalStateException("no answer within 30 s");
            return System.nanoTime() - start;
        }
    }

    /** The MCP tool box, its calls timed as the model loop sees them. */
    private static final class TimedTools implements ToolBox {
        private final ToolBox box;
        private final List<Long> durations = new CopyOnWriteArrayList<>();

        TimedTools(ToolBox box) {
            this.box = box;
        }

        @Override
        public List<ToolDefinition> toolsFor(ToolAsker asker) {
            return box.toolsFor(asker);
        }

        @Override
        public ToolResult call(ToolAsker asker, ToolCall call) {
            long start = System.nanoTime();
            try {
                return box.call(asker, call);
            } finally {
                durations.add(System.nanoTime() - start);
            }
        }
    }
}
