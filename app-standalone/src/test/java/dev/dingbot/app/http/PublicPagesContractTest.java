package dev.dingbot.app.http;

import dev.dingbot.core.contract.PublicLinksContract;
import dev.dingbot.core.memory.InMemoryLinkStore;
import dev.dingbot.core.port.PublicLinks;

import java.time.Clock;
import java.time.Duration;

class PublicPagesContractTest extends PublicLinksContract {

    @Override
    protected PublicLinks links() {
        Clock clock = Clock.systemUTC();
        return new PublicPages(new InMemoryLinkStore(clock), "https://bot.example.com", Duration.ofHours(24),
                Duration.ofDays(7), clock);
    }
}
