package dev.dingbot.core.contract;

import dev.dingbot.core.model.ToolAsker;
import dev.dingbot.core.model.ToolCall;
import dev.dingbot.core.model.ToolDefinition;
import dev.dingbot.core.model.ToolResult;
import dev.dingbot.core.port.ToolBox;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ToolBox} promises: the tools it offers have names providers accept, one name per tool, and
 * an arguments schema; a call never throws, whatever the model wrote: an unknown name, arguments that are no JSON
 * object, arguments without a required field all come back as failed results with a text for the model.
 */
public abstract class ToolBoxContract {

    protected abstract ToolBox toolBox();

    /** Someone who is offered at least one tool. */
    protected abstract ToolAsker asker();

    /** A call of an offered tool, with arguments it accepts. */
    protected abstract ToolCall aCallThatWorks();

    /** A call of an offered tool with one required field missing. */
    protected abstract ToolCall aCallMissingARequiredField();

    @Test
    void offered_tools_have_names_providers_accept_and_no_name_twice() {
        List<ToolDefinition> tools = toolBox().toolsFor(asker());
        assertThat(tools).isNotEmpty();
        assertThat(tools).allSatisfy(t -> assertThat(t.name()).matches(ToolDefinition.NAME));
        assertThat(tools).extracting(ToolDefinition::name).doesNotHaveDuplicates();
    }

    @Test
    void every_offered_tool_describes_its_arguments_as_a_json_object_schema() {
        assertThat(toolBox().toolsFor(asker())).allSatisfy(t -> {
            assertThat(t.parameters().strip()).startsWith("{").endsWith("}").contains("\"object\"");
            assertThat(t.server()).isNotBlank();
        });
    }

    @Test
    void a_call_that_works_answers_ok() {
        ToolResult result = toolBox().call(asker(), aCallThatWorks());
        assertThat(result.outcome()).as(result.text()).isEqualTo(ToolResult.Outcome.OK);
    }

    @Test
    void a_call_of_a_name_that_was_never_offered_is_an_unknown_tool_result() {
        ToolResult result = toolBox().call(asker(), new ToolCall("c1", "no_such_tool_anywhere", "{}"));
        assertThat(result.outcome()).isEqualTo(ToolResult.Outcome.UNKNOWN_TOOL);
        assertThat(result.text()).isNotBlank();
    }

    @Test
    void arguments_that_are_not_a_json_object_are_invalid_arguments() {
        ToolCall works = aCallThatWorks();
        for (String broken : List.of("{\"q\": ", "not json", "[1, 2]")) {
            ToolResult result = toolBox().call(asker(), new ToolCall(works.id(), works.name(), broken));
            assertThat(result.outcome()).as(broken).isEqualTo(ToolResult.Outcome.INVALID_ARGUMENTS);
            assertThat(result.text()).isNotBlank();
        }
    }

    @Test
    void arguments_missing_a_required_field_are_invalid_arguments_that_name_the_field() {
        ToolResult result = toolBox().call(asker(), aCallMissingARequiredField());
        assertThat(result.outcome()).isEqualTo(ToolResult.Outcome.INVALID_ARGUMENTS);
        assertThat(result.text()).contains("required");
    }
}
