package dev.dingbot.app.http;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class BotMetricsTest {

    @Test
    void the_messages_in_flight_are_read_at_each_scrape() {
        Metrics registry = new Metrics();
        AtomicInteger inFlight = new AtomicInteger(3);
        new BotMetrics(registry).inFlightFrom(inFlight::get);

        assertThat(registry.scrape()).contains("# TYPE dingbot_messages_in_flight gauge\ndingbot_messages_in_flight 3\n");
        inFlight.set(0);
        assertThat(registry.scrape()).contains("dingbot_messages_in_flight 0\n");
    }
}
