package dev.dingbot.core.pipeline;

import dev.dingbot.core.memory.InMemoryHistoryStore;
import dev.dingbot.core.memory.InMemoryQuotaStore;
import dev.dingbot.core.memory.InMemorySessionStore;
import dev.dingbot.core.memory.InMemoryUsageLedger;
import dev.dingbot.core.model.Balance;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.Usage;
import dev.dingbot.core.model.CertificateFacts;
import dev.dingbot.core.model.DocumentText;
import dev.dingbot.core.model.HistoryLinks;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.ImageResult;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.WhoisFacts;
import dev.dingbot.core.port.BotObserver;
import dev.dingbot.core.port.DomainLookup;
import dev.dingbot.core.port.ImageModel;
import dev.dingbot.core.port.PublicLinks;
import dev.dingbot.core.settings.BotSettings;
import dev.dingbot.core.settings.PromptTemplate;
import dev.dingbot.core.testing.FakeChatModel;
import dev.dingbot.core.testing.FakeReplyChannel;
import dev.dingbot.core.testing.FakeToolBox;
import dev.dingbot.core.testing.MutableClock;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/** The pipeline wired with fakes and in-memory stores, driven synchronously. */
final class Bot {

    static final List<PromptTemplate> TEMPLATES = List.of(
            new PromptTemplate("#周报", "请帮我把以下的工作内容填充为一篇完整的周报：", ""),
            new PromptTemplate("#linux命令", "请把下面的需求写成一条 Linux 命令：", ""),
            new PromptTemplate("#解释代码", "请解释以下代码：\n```\n", "\n```"));

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T02:00:00Z"));
    final FakeChatModel model = new FakeChatModel();
    final InMemorySessionStore sessions = new InMemorySessionStore();
    final InMemoryHistoryStore history = new InMemoryHistoryStore();
    final InMemoryQuotaStore quotas = new InMemoryQuotaStore();
    final InMemoryUsageLedger usage = new InMemoryUsageLedger();
    final List<String> imagePrompts = new ArrayList<>();
    final List<String> publishedHistories = new ArrayList<>();
    volatile ImageResult imageResult = new ImageResult.Generated(Image.of(new byte[]{(byte) 0x89, 'P', 'N', 'G', 1}));
    volatile Balance balance = new Balance.Known(List.of(new Balance.Amount("CNY", new BigDecimal("110.00"))));
    volatile boolean publicLinks = true;
    final FakeToolBox tools = new FakeToolBox();
    /** What the document reader makes of a file, by its name; any other file is of a kind it does not support. */
    final Map<String, DocumentText> readable = new ConcurrentHashMap<>();
    final List<String> toolEvents = new CopyOnWriteArrayList<>();
    /** The model each call of the chat model was counted for. */
    final List<String> modelsCalled = new CopyOnWriteArrayList<>();
    private final BotObserver observer = new BotObserver() {
        @Override
        public void modelCalled(String model, ChatStatus status, Duration latency, Optional<Usage> usage) {
            modelsCalled.add(model);
        }

        @Override
        public void toolCalled(String server, String tool, String outcome, Duration duration) {
            toolEvents.add(server + "/" + tool + ":" + outcome);
        }
    };
    private final ExecutorService toolThreads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-tool");
        t.setDaemon(true);
        return t;
    });
    final BotSettings settings;
    final Pipeline pipeline;

    Bot() {
        this(b -> b);
    }

    Bot(UnaryOperator<BotSettings.Builder> configure) {
        settings = configure.apply(BotSettings.builder().helpText("**帮助** 文本").templates(TEMPLATES)).build();
        ImageModel images = (prompt, user) -> {
            imagePrompts.add(prompt);
            return imageResult;
        };
        BotPorts ports = new BotPorts(model, images, () -> balance, sessions, history, quotas, usage,
                new LocalDomains(), new Links(), observer, clock, tools, toolThreads,
                (name, bytes) -> readable.getOrDefault(name,
                        DocumentText.failed(DocumentText.Outcome.UNSUPPORTED_TYPE, name, "")));
        pipeline = Pipeline.assemble(settings, ports);
    }

    FakeReplyChannel send(IncomingMessage message) {
        return send(message, new FakeReplyChannel());
    }

    FakeReplyChannel send(IncomingMessage message, FakeReplyChannel channel) {
        pipeline.process(message, channel);
        return channel;
    }

    /** The text of the only reply to {@code message}. */
    String reply(IncomingMessage message) {
        return send(message).only().text();
    }

    private static final class LocalDomains implements DomainLookup {
        @Override
        public WhoisFacts whois(String domain) throws LookupFailedException {
            if (domain.equals("example.com")) return new WhoisFacts("1995-08-14T04:00:00Z", "2027-08-13T04:00:00Z", "RESERVED-Internet Assigned Numbers Authority");
            throw new LookupFailedException("没有找到 " + domain + " 的注册信息");
        }

        @Override
        public CertificateFacts certificate(String domain) {
            return new CertificateFacts(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-04-01T23:59:59Z"), "Let's Encrypt");
        }
    }

    private final class Links implements PublicLinks {
        @Override
        public Optional<String> publishImage(Image image) {
            return publicLinks ? Optional.of("https://bot.example/images/abc." + image.extension()) : Optional.empty();
        }

        @Override
        public Optional<HistoryLinks> publishHistory(String title, String markdown) {
            publishedHistories.add(markdown);
            return Optional.of(new HistoryLinks("https://bot.example/history/t0k3n", "https://bot.example/download/t0k3n"));
        }
    }
}
