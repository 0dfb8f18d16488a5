package dev.dingbot.app.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.dingbot.app.http.AppHttpServer;
import dev.dingbot.app.http.BotMetrics;
import dev.dingbot.app.http.Metrics;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The Prometheus alert rules and the Grafana dashboard in deploy/ speak of metrics the bot really exports. */
class MonitoringFilesTest {

    private static final Path DEPLOY = Path.of("..", "deploy");
    /** Recorded by Prometheus itself for every scrape target. */
    private static final Set<String> RECORDED_BY_PROMETHEUS = Set.of("up");
    private static final Set<String> PROMQL_WORDS = Set.of("and", "or", "unless", "bool", "offset", "group_left",
            "group_right");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");

    @Test
    void every_metric_the_alert_rules_use_is_one_the_bot_exports() throws Exception {
        List<String> expressions = new ArrayList<>();
        for (JsonNode group : new YAMLMapper().readTree(DEPLOY.resolve("prometheus-alerts.yml").toFile()).path("groups")) {
            for (JsonNode rule : group.path("rules")) expressions.add(rule.path("expr").asText());
        }

        Set<String> used = metricNames(expressions);

        assertThat(used).contains("up", "dingbot_ready", "dingbot_model_errors_total")
                .isSubsetOf(union(exportedMetrics(), RECORDED_BY_PROMETHEUS));
    }

    @Test
    void every_metric_the_dashboard_shows_is_one_the_bot_exports() throws Exception {
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : new ObjectMapper().readTree(DEPLOY.resolve("grafana-dashboard.json").toFile()).path("panels")) {
            for (JsonNode target : panel.path("targets")) expressions.add(target.path("expr").asText());
        }

        Set<String> used = metricNames(expressions);

        assertThat(used).contains("dingbot_ready", "dingbot_model_latency_seconds_bucket")
                .isSubsetOf(union(exportedMetrics(), RECORDED_BY_PROMETHEUS));
    }

    @Test
    void the_metric_names_of_an_expression_are_told_from_functions_labels_and_durations() {
        assertThat(metricNames(List.of("sum by (instance, reason) (rate(a_total{reason=\"busy\", x=~\"y\"}[5m]))"
                + " / on (instance) group_left b_seconds_count > bool 0.2 unless c"))).containsExactly(
                "a_total", "b_seconds_count", "c");
    }

    /** What {@code /metrics} names: each family, a histogram as its {@code _bucket}, {@code _sum} and {@code _count}. */
    private static Set<String> exportedMetrics() throws Exception {
        Metrics metrics = new Metrics();
        new BotMetrics(metrics).inFlightFrom(() -> 0); // the runtime hands it the bot's count
        // the server adds what it measures itself (readiness) to the registry it serves
        AppHttpServer.builder().address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).metrics(metrics)
                .build().close();
        Set<String> names = new TreeSet<>();
        Matcher type = Pattern.compile("(?m)^# TYPE (\\S+) (\\S+)$").matcher(metrics.scrape());
        while (type.find()) {
            if (type.group(2).equals("histogram")) {
                for (String part : List.of("_bucket", "_sum", "_count")) names.add(type.group(1) + part);
            } else {
                names.add(type.group(1));
            }
        }
        return names;
    }

    private static Set<String> metricNames(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions) {
            String bare = GROUPING.matcher(expression.replaceAll("\\{[^}]*}", "").replaceAll("\\[[^]]*]", "")
                    .replaceAll("\"[^\"]*\"", "")).replaceAll("");
            Matcher name = NAME.matcher(bare);
            while (name.find()) {
                boolean partOfNumber = name.start() > 0 && Character.isDigit(bare.charAt(name.start() - 1));
                if (!partOfNumber && !PROMQL_WORDS.contains(name.group())) names.add(name.group());
            }
        }
        return names;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
