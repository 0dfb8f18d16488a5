package dev.dingbot.app.http;

import dev.dingbot.core.contract.PublicLinksContract;
import dev.dingbot.core.port.PublicLinks;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

class FilePublicLinksContractTest extends PublicLinksContract {

    @TempDir
    Path data;

    @Override
    protected PublicLinks links() {
        return new FilePublicLinks(data, "https://bot.example.com", Duration.ofHours(24), Duration.ofDays(7),
                Clock.systemUTC());
    }
}
