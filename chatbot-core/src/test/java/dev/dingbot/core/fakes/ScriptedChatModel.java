package dev.dingbot.core.fakes;

import dev.dingbot.core.model.ChatListener;
import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.Usage;
import dev.dingbot.core.port.ChatModel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A ChatModel that answers from a script: queued answers or failures first, then the default answer. Streams split
 * the answer at spaces (the space stays with the piece before it). Records every request. Tokens are estimated as
 * 4 per message plus one per 4 characters.
 */
public final class ScriptedChatModel implements ChatModel {

    private final String model;
    private final Deque<ChatResult> script = new ArrayDeque<>();
    private final List<ChatRequest> requests = new ArrayList<>();
    private final String defaultAnswer;
    private ChatResult always;

    public ScriptedChatModel(String defaultAnswer) {
        this("scripted", defaultAnswer);
    }

    public ScriptedChatModel(String model, String defaultAnswer) {
        this.model = model;
        this.defaultAnswer = defaultAnswer;
    }

    /** Queues one answer. */
    public synchronized ScriptedChatModel thenAnswer(String text) {
        script.add(ChatResult.ok(text, null));
        return this;
    }

    /** Queues one failure. */
    public synchronized ScriptedChatModel thenFail(ChatStatus status, String providerMessage) {
        script.add(ChatResult.failed(status, providerMessage));
        return this;
    }

    /** Fails every later call without a queued result. */
    public synchronized ScriptedChatModel failEverything(ChatStatus status, String providerMessage) {
        always = ChatResult.failed(status, providerMessage);
        return this;
    }

    public synchronized List<ChatRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public String modelName() {
        return model;
    }

    @Override
    public ChatResult complete(ChatRequest request) {
        return next(request);
    }

    @Override
    public ChatResult stream(ChatRequest request, ChatListener listener) {
        ChatResult result = next(request);
        if (result.status().hasAnswer()) {
            for (String piece : pieces(result.text())) listener.onText(piece);
        }
        return result;
    }

    @Override
    public int countTokens(List<ChatTurn> turns) {
        int total = 3;
        for (ChatTurn turn : turns) total += 4 + (turn.text().length() + 3) / 4 + 1000 * turn.images().size();
        return total;
    }

    private synchronized ChatResult next(ChatRequest request) {
        requests.add(request);
        ChatResult queued = script.poll();
        if (queued != null) return queued;
        if (always != null) return always;
        return ChatResult.ok(defaultAnswer, new Usage(model, countTokens(request.turns()), (defaultAnswer.length() + 3) / 4));
    }

    private static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ' ') {
                pieces.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) pieces.add(text.substring(start));
        return pieces;
    }
}
