package dev.dingbot.core.testing;

import dev.dingbot.core.model.ChatListener;
import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.ToolCall;
import dev.dingbot.core.model.Usage;
import dev.dingbot.core.port.ChatModel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A model that answers "answer to: &lt;question&gt;" unless results are scripted; records every request. Tokens
 * are counted as one per character plus 3 per message and 3 for the reply, like the real overhead.
 */
public final class FakeChatModel implements ChatModel {

    private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    private final Deque<ChatResult> scripted = new ArrayDeque<>();
    private volatile Function<ChatRequest, String> answers = r -> "answer to: " + lastUserText(r);
    private volatile long delayMillis;
    private volatile ChatResult always;
    private final AtomicInteger exactCounts = new AtomicInteger();
    private final AtomicInteger mostCharsCounted = new AtomicInteger();
    private volatile List<String> models = List.of("fake-model");
    private volatile boolean holdsStreams;
    private final Queue<HeldStream> held = new ConcurrentLinkedQueue<>();

    /** A stream asked for and not yet answered: see {@link #holdingStreams}. */
    private record HeldStream(ChatRequest request, ChatListener listener, CompletableFuture<ChatResult> result) {
    }

    public FakeChatModel answering(Function<ChatRequest, String> value) {
        answers = value;
        return this;
    }

    public synchronized FakeChatModel thenReturn(ChatResult result) {
        scripted.add(result);
        return this;
    }

    /** Every call from now on ends with this failure. */
    public FakeChatModel failingWith(ChatStatus status, String message) {
        always = ChatResult.failed(status, message);
        return this;
    }

    /** Serves these models, the first the default (by default only {@code fake-model}). */
    public FakeChatModel serving(String defaultModel, String... others) {
        List<String> all = new ArrayList<>(List.of(defaultModel));
        all.addAll(List.of(others));
        models = List.copyOf(all);
        return this;
    }

    /** Calls answer again after {@link #failingWith}. */
    public FakeChatModel recovered() {
        always = null;
        return this;
    }

    /**
     * From now on {@link #streamAsync} returns at once with a future that no thread works on, like a model reading
     * its stream without one; {@link #releaseHeldStreams} answers them.
     */
    public FakeChatModel holdingStreams() {
        holdsStreams = true;
        return this;
    }

    /** Streams held so far and not released. */
    public int heldStreams() {
        return held.size();
    }

    /** Answers the held streams on the calling thread, as {@link #stream} would; returns how many. */
    public int releaseHeldStreams() {
        int released = 0;
        HeldStream next;
        while ((next = held.poll()) != null) {
            next.result().complete(stream(next.request(), next.listener()));
            released++;
        }
        return released;
    }

    public FakeChatModel slowedBy(long millis) {
        delayMillis = millis;
        return this;
    }

    public List<ChatRequest> requests() {
        return requests;
    }

    public ChatRequest lastRequest() {
        return requests.get(requests.size() - 1);
    }

    @Override
    public String modelName() {
        return models.get(0);
    }

    @Override
    public List<String> models() {
        return models;
    }

    @Override
    public ChatResult complete(ChatRequest request) {
        requests.add(request);
        sleep();
        ChatResult next = nextScripted();
        if (next != null) return next;
        if (always != null) return always;
        String text = answers.apply(request);
        return ChatResult.ok(text, new Usage(request.modelOr(modelName()), tokensOf(request.turns()), text.length()));
    }

    @Override
    public ChatResult stream(ChatRequest request, ChatListener listener) {
        ChatResult result = complete(request);
        if (!result.reasoning().isEmpty()) listener.onReasoning(result.reasoning());
        String text = result.text();
        for (int i = 0; i < text.length(); i += 4) listener.onText(text.substring(i, Math.min(text.length(), i + 4)));
        return result;
    }

    @Override
    public CompletableFuture<ChatResult> streamAsync(ChatRequest request, ChatListener listener) {
        if (!holdsStreams) return ChatModel.super.streamAsync(request, listener);
        HeldStream stream = new HeldStream(request, listener, new CompletableFuture<>());
        held.add(stream);
        return stream.result();
    }

    @Override
    public int countTokens(List<ChatTurn> turns) {
        int chars = 0;
        for (ChatTurn t : turns) chars += t.text().length();
        mostCharsCounted.accumulateAndGet(chars, Math::max);
        exactCounts.incrementAndGet();
        return tokensOf(turns);
    }

    /** Twice the count, without counting: a model's cheap bound. */
    @Override
    public int tokenCeiling(List<ChatTurn> turns) {
        return 2 * tokensOf(turns);
    }

    private static int tokensOf(List<ChatTurn> turns) {
        int tokens = 3;
        for (ChatTurn t : turns) tokens += 3 + t.text().length();
        return tokens;
    }

    /** How often {@link #countTokens} was called. */
    public int exactCounts() {
        return exactCounts.get();
    }

    /** The most characters one {@link #countTokens} call was given. */
    public int mostCharsCounted() {
        return mostCharsCounted.get();
    }

    private synchronized ChatResult nextScripted() {
        return scripted.poll();
    }

    private void sleep() {
        if (delayMillis == 0) return;
        try {
            Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a model answers when it wants these tools called first. */
    public static ChatResult callingTools(ToolCall... calls) {
        return new ChatResult(ChatStatus.OK, "", "", Optional.of(new Usage("fake-model", 10, 5)), "", List.of(calls));
    }

    public static String lastUserText(ChatRequest request) {
        return request.turns().get(request.turns().size() - 1).text();
    }

}
