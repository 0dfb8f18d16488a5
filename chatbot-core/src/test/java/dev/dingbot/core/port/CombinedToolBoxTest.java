package dev.dingbot.core.port;

import dev.dingbot.core.model.ToolAsker;
import dev.dingbot.core.model.ToolCall;
import dev.dingbot.core.model.ToolDefinition;
import dev.dingbot.core.model.ToolResult;
import dev.dingbot.core.testing.FakeToolBox;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CombinedToolBoxTest {

    private static final ToolAsker ALICE = new ToolAsker("alice01", "cid1", true, false);

    @Test
    void a_combined_tool_box_offers_the_tools_of_all_and_sends_each_call_to_the_box_that_offers_it() {
        FakeToolBox builtIn = new FakeToolBox().with(ToolDefinition.BUILT_IN, "whois", args -> ToolResult.ok("w"));
        FakeToolBox servers = new FakeToolBox().with("ops", "alerts", args -> ToolResult.ok("a"))
                .with(ToolDefinition.BUILT_IN, "whois", args -> ToolResult.ok("shadowed"));
        ToolBox both = ToolBox.combine(List.of(builtIn, servers));

        assertThat(both.toolsFor(ALICE)).extracting(ToolDefinition::name).containsExactly("whois", "ops_alerts");
        assertThat(both.call(ALICE, new ToolCall("1", "ops_alerts", "{}")).text()).isEqualTo("a");
        assertThat(both.call(ALICE, new ToolCall("2", "whois", "{}")).text()).isEqualTo("w");
        assertThat(both.call(ALICE, new ToolCall("3", "nope", "{}")).outcome()).isEqualTo(ToolResult.Outcome.UNKNOWN_TOOL);
    }

    @Test
    void a_call_of_a_tool_its_box_does_not_offer_this_asker_reaches_no_box() {
        FakeToolBox admins = new FakeToolBox().with("ops", "restart", args -> ToolResult.ok("restarted"))
                .onlyFor("ops_restart", ToolAsker::admin);
        ToolBox both = ToolBox.combine(List.of(admins));

        assertThat(both.call(ALICE, new ToolCall("1", "ops_restart", "{}")).outcome())
                .isEqualTo(ToolResult.Outcome.UNKNOWN_TOOL);
        assertThat(admins.received()).isEmpty();
    }
}
