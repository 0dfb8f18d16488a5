package dev.dingbot.core.model;

import java.util.Locale;
import java.util.Objects;

/**
 * What came of one tool call, as a value: the tool's output, or a classified failure whose text tells the model
 * what went wrong (so it can answer anyway, or try otherwise).
 */
public record ToolResult(Outcome outcome, String text) {

    public enum Outcome {
        OK,
        /** The tool ran and reported an error (MCP {@code isError}). */
        TOOL_ERROR,
        TIMEOUT,
        /** The tool's server is not running or could not be reached, or crashed during the call. */
        UNAVAILABLE,
        /** The arguments are not a JSON object, or miss a required field. */
        INVALID_ARGUMENTS,
        /** No tool of that name was offered to this asker. */
        UNKNOWN_TOOL;

        /** The short word for logs, metrics and the card's progress line. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ToolResult {
        Objects.requireNonNull(outcome, "outcome");
        text = Objects.requireNonNullElse(text, "");
    }

    public static ToolResult ok(String output) {
        return new ToolResult(Outcome.OK, output);
    }

    public static ToolResult failed(Outcome outcome, String why) {
        if (outcome == Outcome.OK) throw new IllegalArgumentException("a failure needs a failing outcome");
        return new ToolResult(outcome, why);
    }

    public boolean isOk() {
        return outcome == Outcome.OK;
    }

    /** The content of the {@code tool} message: the output, or the failure marked as an error of the call. */
    public String forModel() {
        return isOk() ? text : "Error (" + outcome.word() + "): " + text;
    }
}
