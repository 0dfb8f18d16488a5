package dev.dingbot.app.wiring;

import dev.dingbot.app.Launcher;
import dev.dingbot.app.config.AppConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/** The composition root: builds the adapters and the bot for each command. */
public final class StandaloneLauncher implements Launcher {

    private static final Logger log = LoggerFactory.getLogger(StandaloneLauncher.class);

    private final Clock clock;

    public StandaloneLauncher() {
        this(Clock.systemUTC());
    }

    StandaloneLauncher(Clock clock) {
        this.clock = clock;
    }

    @Override
    public int run(AppConfig config) {
        CountDownLatch stop = TerminationSignals.latch();
        BotRuntime runtime;
        try {
            runtime = BotRuntime.start(config, clock);
        } catch (BotRuntime.CredentialsRejected | BotStorage.StorageRefused e) {
            log.error("dingbot could not start: {}", e.getMessage());
            return CONFIGURATION_ERROR;
        } catch (IOException | RuntimeException e) {
            log.error("dingbot could not start: {}", e.getMessage());
            return 1;
        }
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("stopping: letting answers in flight finish (at most {} s)", config.shutdownGrace().toSeconds());
        boolean finished = runtime.shutdown(config.shutdownGrace());
        log.info(finished ? "stopped cleanly"
                : "stopped; unfinished questions are kept and answered after the next start");
        return 0;
    }

    @Override
    public int chat(AppConfig config, InputStream in, PrintStream out) {
        try {
            return new ConsoleChat(config, clock).run(in, out);
        } catch (IOException e) {
            out.println("dingbot chat: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    @Override
    public int check(AppConfig config, PrintStream out) {
        return new Checkup(config).run(out);
    }
}
