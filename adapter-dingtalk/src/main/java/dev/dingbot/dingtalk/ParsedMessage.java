package dev.dingbot.dingtalk;

import dev.dingbot.core.model.IncomingMessage;

/** What a bot-message payload turned out to be: a message for the bot, or input that cannot be one. */
sealed interface ParsedMessage {

    record Message(IncomingMessage message) implements ParsedMessage {
    }

    /** Not JSON, not an object, or missing what identifies a message; {@code reason} is safe to log. */
    record Malformed(String reason) implements ParsedMessage {
    }
}
