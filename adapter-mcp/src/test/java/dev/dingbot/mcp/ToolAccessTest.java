package dev.dingbot.mcp;

import dev.dingbot.core.model.ToolAsker;
import dev.dingbot.core.model.ToolResult.Outcome;
import dev.dingbot.core.testing.ManualScheduler;
import dev.dingbot.testkit.mcp.FakeMcpHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Who is offered which server's tools: one fake server behind four differently restricted names. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class ToolAccessTest {

    private static final ToolAsker ADMIN_IN_PRIVATE = new ToolAsker("boss", "private-boss", false, true);
    private static final ToolAsker ALICE_IN_TEAM = new ToolAsker("alice", "team", true, false);
    private static final ToolAsker ALICE_IN_PRIVATE = new ToolAsker("alice", "private-alice", false, false);
    private static final ToolAsker BOB_IN_OTHER_GROUP = new ToolAsker("bob", "other", true, false);

    private final FakeMcpHttpServer server = FakeMcpHttpServer.start();
    private McpToolBox box;

    @BeforeAll
    void start() throws InterruptedException {
        box = McpToolBox.start(McpSettings.builder()
                .server(FakeServers.http("open", server).build())
                .server(FakeServers.http("admins", server).adminOnly(true).build())
                .server(FakeServers.http("alices", server).allowUsers(Set.of("alice")).build())
                .server(FakeServers.http("teams", server).allowGroups(Set.of("team")).build())
                .build(), new ManualScheduler(), Clock.systemUTC());
        box.awaitSettled(FakeServers.PATIENCE);
    }

    @AfterAll
    void stop() {
        box.close();
        server.close();
    }

    private Set<String> serversOfferedTo(ToolAsker asker) {
        return Set.copyOf(box.toolsFor(asker).stream().map(t -> t.server()).toList());
    }

    @Test
    void an_admin_only_server_is_offered_to_admins_alone() {
        assertThat(serversOfferedTo(ADMIN_IN_PRIVATE)).contains("admins");
        assertThat(serversOfferedTo(ALICE_IN_TEAM)).doesNotContain("admins");
    }

    @Test
    void a_server_for_listed_users_is_offered_to_them_wherever_they_ask() {
        assertThat(serversOfferedTo(ALICE_IN_TEAM)).contains("alices");
        assertThat(serversOfferedTo(ALICE_IN_PRIVATE)).contains("alices");
        assertThat(serversOfferedTo(BOB_IN_OTHER_GROUP)).doesNotContain("alices");
        assertThat(serversOfferedTo(ADMIN_IN_PRIVATE)).doesNotContain("alices");
    }

    @Test
    void a_server_for_listed_groups_is_offered_in_them_and_in_every_private_chat() {
        assertThat(serversOfferedTo(ALICE_IN_TEAM)).contains("teams");
        assertThat(serversOfferedTo(BOB_IN_OTHER_GROUP)).doesNotContain("teams");
        assertThat(serversOfferedTo(ALICE_IN_PRIVATE)).contains("teams");
    }

    @Test
    void an_unrestricted_server_is_offered_to_everyone() {
        for (ToolAsker asker : new ToolAsker[]{ADMIN_IN_PRIVATE, ALICE_IN_TEAM, ALICE_IN_PRIVATE, BOB_IN_OTHER_GROUP}) {
            assertThat(serversOfferedTo(asker)).contains("open");
        }
    }

    @Test
    void a_tool_not_offered_to_the_asker_is_an_unknown_tool_when_called_and_never_reaches_the_server() {
        assertThat(box.call(BOB_IN_OTHER_GROUP, FakeServers.echo("admins", "x")).outcome()).isEqualTo(Outcome.UNKNOWN_TOOL);
        assertThat(box.call(BOB_IN_OTHER_GROUP, FakeServers.echo("alices", "x")).outcome()).isEqualTo(Outcome.UNKNOWN_TOOL);
        assertThat(box.call(BOB_IN_OTHER_GROUP, FakeServers.echo("teams", "x")).outcome()).isEqualTo(Outcome.UNKNOWN_TOOL);
        assertThat(server.protocol().toolsCalled()).isEmpty();
        assertThat(box.call(BOB_IN_OTHER_GROUP, FakeServers.echo("open", "x")).isOk()).isTrue();
    }
}
