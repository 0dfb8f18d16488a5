package dev.dingbot.app.system;

import dev.dingbot.app.http.AppHttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The Docker image and the systemd unit as an operator deploys them (tests run in the module's directory). */
class DeploymentFilesTest {

    private static final Path REPO = Path.of("..");

    @Test
    void the_images_healthcheck_passes_only_while_readyz_says_ready() throws Exception {
        Matcher cmd = Pattern.compile("HEALTHCHECK[^\\n]*\\\\\\n\\s*CMD bash -c '([^']+)'")
                .matcher(Files.readString(REPO.resolve("Dockerfile")));
        assertThat(cmd.find()).as("a HEALTHCHECK running a bash command").isTrue();
        AtomicBoolean ready = new AtomicBoolean(false);
        try (AppHttpServer server = AppHttpServer.builder()
                .address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .readiness("dingtalk_stream", ready::get).build().start()) {
            assertThat(healthcheck(cmd.group(1), server.port())).as("not ready yet").isNotZero();
            ready.set(true);
            assertThat(healthcheck(cmd.group(1), server.port())).as("ready").isZero();
        }
    }

    @Test
    void the_docker_build_context_leaves_out_history_build_output_local_config_and_data() throws Exception {
        List<String> ignored = Files.readAllLines(REPO.resolve(".dockerignore"));

        assertThat(ignored).contains(".git", "**/target", "/config.yml", "/data");
    }

    @Test
    void the_image_sizes_the_jvm_for_its_container_at_most_512_mb_and_runs_in_a_utf8_locale() throws Exception {
        String dockerfile = Files.readString(REPO.resolve("Dockerfile"));

        assertThat(dockerfile).contains("-XX:MaxRAMPercentage=", "-XX:ErgoHeapSizeLimit=512m",
                "-XX:+ExitOnOutOfMemoryError", "LANG=C.UTF-8");
    }

    @Test
    void the_image_runs_the_serial_collector_and_the_unit_g1_both_with_a_small_start_heap_and_the_first_jit_tier_only()
            throws Exception {
        String dockerfile = Files.readString(REPO.resolve("Dockerfile"));
        String start = Files.readAllLines(REPO.resolve("deploy/dingbot.service")).stream()
                .filter(line -> line.startsWith("ExecStart=")).findFirst().orElseThrow();
        String[] measured = {"-Xms16m", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError"};

        assertThat(dockerfile).contains(measured).contains("-XX:+UseSerialGC").doesNotContain("-XX:+UseG1GC");
        assertThat(start).contains(measured).contains("-Xmx", "-XX:+UseG1GC").doesNotContain("-XX:+UseSerialGC");
    }

    @Test
    void the_image_hands_a_bind_mounted_data_dir_to_its_unprivileged_user_before_starting() throws Exception {
        Path entrypoint = REPO.resolve("deploy/docker-entrypoint.sh");

        assertThat(Files.isExecutable(entrypoint)).isTrue();
        assertThat(Files.readString(entrypoint)).contains("chown -R dingbot:dingbot \"$data\"",
                "setpriv --reuid=dingbot");
        assertThat(Files.readString(REPO.resolve("Dockerfile"))).contains("ENTRYPOINT [\"/app/docker-entrypoint.sh\"]");
    }

    @Test
    void the_systemd_unit_does_not_restart_on_a_configuration_error_and_runs_in_a_utf8_locale() throws Exception {
        String unit = Files.readString(REPO.resolve("deploy/dingbot.service"));

        assertThat(unit).contains("RestartPreventExitStatus=2", "Environment=LANG=C.UTF-8");
    }

    @Test
    void the_systemd_unit_signals_the_bot_alone_so_that_it_stops_its_mcp_servers_itself() throws Exception {
        String unit = Files.readString(REPO.resolve("deploy/dingbot.service"));

        assertThat(unit).contains("KillMode=mixed", "KillSignal=SIGTERM");
    }

    private static int healthcheck(String command, int port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true);
        builder.environment().put("PORT", Integer.toString(port));
        Process process = builder.start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("the healthcheck ends").isTrue();
        return process.exitValue();
    }
}
