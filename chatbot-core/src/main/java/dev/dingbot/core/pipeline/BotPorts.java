package dev.dingbot.core.pipeline;

import dev.dingbot.core.port.BalanceSource;
import dev.dingbot.core.port.BotObserver;
import dev.dingbot.core.port.ChatModel;
import dev.dingbot.core.port.DocumentReader;
import dev.dingbot.core.port.DomainLookup;
import dev.dingbot.core.port.HistoryStore;
import dev.dingbot.core.port.ImageModel;
import dev.dingbot.core.port.PublicLinks;
import dev.dingbot.core.port.QuotaStore;
import dev.dingbot.core.port.SessionStore;
import dev.dingbot.core.port.ToolBox;
import dev.dingbot.core.port.UsageLedger;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/** The driven ports the pipeline works with (the inbox belongs to intake), and where tool calls run. */
public record BotPorts(ChatModel chatModel, ImageModel imageModel, BalanceSource balance, SessionStore sessions,
                       HistoryStore history, QuotaStore quotas, UsageLedger usage, DomainLookup domains,
                       PublicLinks links, BotObserver observer, Clock clock, ToolBox tools,
                       ExecutorService toolThreads, DocumentReader documents) {

    public BotPorts {
        Objects.requireNonNull(chatModel, "chatModel");
        Objects.requireNonNull(imageModel, "imageModel");
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(quotas, "quotas");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(domains, "domains");
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(tools, "tools");
        Objects.requireNonNull(toolThreads, "toolThreads");
        Objects.requireNonNull(documents, "documents");
    }
}
