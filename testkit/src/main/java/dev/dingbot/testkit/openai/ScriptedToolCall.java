package dev.dingbot.testkit.openai;

/**
 * A tool call the fake server answers with (see {@link FakeOpenAiServer#enqueueToolCalls}).
 *
 * @param arguments JSON text, streamed in pieces when the request asks for a stream
 */
public record ScriptedToolCall(String id, String name, String arguments) {
}
