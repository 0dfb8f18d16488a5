package dev.dingbot.anthropic;

import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.ToolCall;

import java.util.List;

/**
 * Prompt tokens estimated on the high side, without a tokenizer (Anthropic publishes none for Claude 3 and later,
 * and its token-counting endpoint would be a round trip per trim): one token per three ASCII characters and three
 * per two other characters (Chinese runs about one to one and a half per character), 4 per message, 1600 per picture
 * (the most a resized picture costs), and a tool call's name and arguments like text. Trimming with too high a
 * count keeps a little less context; too low a count would be a refused request.
 */
final class ClaudeTokenEstimate {

    static final int TOKENS_PER_IMAGE = 1600;
    private static final int PER_MESSAGE = 4;
    private static final int REPLY_PRIMER = 3;

    int count(List<ChatTurn> turns) {
        int total = REPLY_PRIMER;
        for (ChatTurn turn : turns) {
            total += PER_MESSAGE + ofText(turn.text()) + TOKENS_PER_IMAGE * turn.images().size();
            for (ToolCall call : turn.toolCalls()) total += PER_MESSAGE + ofText(call.name()) + ofText(call.arguments());
        }
        return total;
    }

    static int ofText(String text) {
        int ascii = 0;
        int other = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (codePoint < 0x80) ascii++; else other++;
            i += Character.charCount(codePoint);
        }
        return (ascii + 2) / 3 + (other * 3 + 1) / 2;
    }
}
