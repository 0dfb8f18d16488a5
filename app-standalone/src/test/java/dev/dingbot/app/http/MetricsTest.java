package dev.dingbot.app.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsTest {

    @Test
    void counters_with_labels_are_exposed_in_prometheus_text_format() {
        Metrics m = new Metrics();
        Metrics.Counter rejected = m.counter("dingbot_messages_rejected_total", "Refused messages", "reason");

        rejected.inc("busy");
        rejected.inc("busy");
        rejected.inc("say \"no\"\n");

        assertThat(m.scrape()).contains(
                "# HELP dingbot_messages_rejected_total Refused messages\n",
                "# TYPE dingbot_messages_rejected_total counter\n",
                "dingbot_messages_rejected_total{reason=\"busy\"} 2\n",
                "dingbot_messages_rejected_total{reason=\"say \\\"no\\\"\\n\"} 1\n");
        assertThat(rejected.value("busy")).isEqualTo(2);
    }

    @Test
    void a_histogram_counts_cumulative_buckets_with_sum_and_count() {
        Metrics m = new Metrics();
        Metrics.Histogram h = m.histogram("lat_seconds", "latency", new double[] {0.5, 1, 5}, "model");

        h.observe(0.2, "gpt");
        h.observe(0.7, "gpt");
        h.observe(9, "gpt");

        assertThat(m.scrape()).contains(
                "# TYPE lat_seconds histogram\n",
                "lat_seconds_bucket{model=\"gpt\",le=\"0.5\"} 1\n",
                "lat_seconds_bucket{model=\"gpt\",le=\"1\"} 2\n",
                "lat_seconds_bucket{model=\"gpt\",le=\"5\"} 2\n",
                "lat_seconds_bucket{model=\"gpt\",le=\"+Inf\"} 3\n",
                "lat_seconds_sum{model=\"gpt\"} 9.9\n",
                "lat_seconds_count{model=\"gpt\"} 3\n");
    }

    @Test
    void registering_the_same_counter_twice_returns_the_same_series_and_a_clash_is_refused() {
        Metrics m = new Metrics();
        m.counter("x_total", "x", "a").inc("1");

        m.counter("x_total", "x", "a").inc("1");

        assertThat(m.counter("x_total", "x", "a").value("1")).isEqualTo(2);
        assertThatThrownBy(() -> m.counter("x_total", "x", "b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.counter("x_total", "x", "a").inc()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bot_metrics_name_what_happened() {
        Metrics m = new Metrics();
        BotMetrics bot = new BotMetrics(m);
        m.gauge("dingbot_queue_length", "queued", () -> 7);

        bot.messageReceived("stream");
        bot.messageDeduplicated();
        bot.messageRejected("stale");
        bot.modelAnswered("gpt-4o", Duration.ofMillis(1500), 100, 20);
        bot.cardUpdated("ok");
        bot.streamReconnected("ding-app-1");
        bot.quotaHit();

        assertThat(m.scrape()).contains(
                "dingbot_messages_received_total{channel=\"stream\"} 1",
                "dingbot_messages_deduplicated_total 1",
                "dingbot_messages_rejected_total{reason=\"stale\"} 1",
                "dingbot_model_latency_seconds_bucket{model=\"gpt-4o\",le=\"2\"} 1",
                "dingbot_model_tokens_total{model=\"gpt-4o\",kind=\"prompt\"} 100",
                "dingbot_model_tokens_total{model=\"gpt-4o\",kind=\"completion\"} 20",
                "dingbot_card_updates_total{outcome=\"ok\"} 1",
                "dingbot_stream_reconnects_total{client_id=\"ding-app-1\"} 1",
                "dingbot_quota_hits_total 1",
                "dingbot_queue_length 7");
    }
}
