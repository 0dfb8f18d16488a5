package dev.dingbot.core;

import dev.dingbot.core.intake.Intake;
import dev.dingbot.core.memory.InMemoryHistoryStore;
import dev.dingbot.core.memory.InMemoryInbox;
import dev.dingbot.core.memory.InMemoryQuotaStore;
import dev.dingbot.core.memory.InMemorySessionStore;
import dev.dingbot.core.memory.InMemoryUsageLedger;
import dev.dingbot.core.model.CertificateFacts;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.ImageResult;
import dev.dingbot.core.model.WhoisFacts;
import dev.dingbot.core.pipeline.BotPorts;
import dev.dingbot.core.pipeline.Pipeline;
import dev.dingbot.core.port.BalanceSource;
import dev.dingbot.core.port.BotObserver;
import dev.dingbot.core.port.ChatModel;
import dev.dingbot.core.port.DocumentReader;
import dev.dingbot.core.port.DomainLookup;
import dev.dingbot.core.port.HistoryStore;
import dev.dingbot.core.port.ImageModel;
import dev.dingbot.core.port.Inbox;
import dev.dingbot.core.port.PublicLinks;
import dev.dingbot.core.port.QuotaStore;
import dev.dingbot.core.port.SessionStore;
import dev.dingbot.core.port.ToolBox;
import dev.dingbot.core.port.UsageLedger;
import dev.dingbot.core.settings.BotSettings;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * Assembles a {@link ChatBot}. Only the chat model is required; every store defaults to memory, so an embedding
 * app can start with a model and a reply channel of its own and add durable stores later.
 */
public final class ChatBotBuilder {

    private BotSettings settings = BotSettings.builder().build();
    private ChatModel chatModel;
    private ImageModel imageModel = (prompt, user) -> new ImageResult.Failed(ChatStatus.BAD_REQUEST, "未配置图片模型");
    private BalanceSource balance = BalanceSource.UNSUPPORTED;
    private SessionStore sessions = new InMemorySessionStore();
    private HistoryStore history = new InMemoryHistoryStore();
    private QuotaStore quotas = new InMemoryQuotaStore();
    private Inbox inbox = new InMemoryInbox();
    private UsageLedger usage = new InMemoryUsageLedger();
    private DomainLookup domains = NO_DOMAIN_LOOKUP;
    private PublicLinks links = PublicLinks.NONE;
    private BotObserver observer = BotObserver.NONE;
    private Clock clock = Clock.systemUTC();
    private ExecutorService answerThreads;
    private ToolBox tools = ToolBox.NONE;
    private DocumentReader documents = DocumentReader.NONE;
    private ExecutorService toolThreads;

    public ChatBotBuilder settings(BotSettings value) { settings = value; return this; }
    public ChatBotBuilder chatModel(ChatModel value) { chatModel = value; return this; }
    public ChatBotBuilder imageModel(ImageModel value) { imageModel = value; return this; }
    public ChatBotBuilder balance(BalanceSource value) { balance = value; return this; }
    public ChatBotBuilder sessions(SessionStore value) { sessions = value; return this; }
    public ChatBotBuilder history(HistoryStore value) { history = value; return this; }
    public ChatBotBuilder quotas(QuotaStore value) { quotas = value; return this; }
    public ChatBotBuilder inbox(Inbox value) { inbox = value; return this; }
    public ChatBotBuilder usage(UsageLedger value) { usage = value; return this; }
    public ChatBotBuilder domains(DomainLookup value) { domains = value; return this; }
    public ChatBotBuilder links(PublicLinks value) { links = value; return this; }
    public ChatBotBuilder observer(BotObserver value) { observer = value; return this; }
    public ChatBotBuilder clock(Clock value) { clock = value; return this; }

    /**
     * Where answers run; the bot shuts it down with itself. By default a virtual thread per lane on JDK 21+,
     * otherwise a cached pool of daemon threads.
     */
    public ChatBotBuilder answerThreads(ExecutorService value) { answerThreads = value; return this; }

    /** The tools the model may call; by default none, and every request goes without. */
    public ChatBotBuilder tools(ToolBox value) { tools = value; return this; }
    /** What reads the files users send; by default nothing does, and a file gets the "not supported" reply. */
    public ChatBotBuilder documents(DocumentReader value) { documents = value; return this; }

    /**
     * Where tool calls run, several of one answer at once; by default a virtual thread per call on JDK 21+,
     * otherwise a cached pool of daemon threads.
     */
    public ChatBotBuilder toolThreads(ExecutorService value) { toolThreads = value; return this; }

    public ChatBot build() {
        Objects.requireNonNull(chatModel, "a chat model is required");
        BotPorts ports = new BotPorts(chatModel, imageModel, balance, sessions, history, quotas, usage, domains,
                links, observer, clock, tools, toolThreads == null ? Intake.defaultToolThreads() : toolThreads,
                documents);
        return new Intake(Pipeline.assemble(settings, ports), inbox, settings.lanes(), observer, clock,
                answerThreads == null ? Intake.defaultAnswerThreads() : answerThreads);
    }

    private static final DomainLookup NO_DOMAIN_LOOKUP = new DomainLookup() {
        @Override
        public WhoisFacts whois(String domain) throws LookupFailedException {
            throw new LookupFailedException("未启用域名查询");
        }

        @Override
        public CertificateFacts certificate(String domain) throws LookupFailedException {
            throw new LookupFailedException("未启用证书查询");
        }
    };
}
