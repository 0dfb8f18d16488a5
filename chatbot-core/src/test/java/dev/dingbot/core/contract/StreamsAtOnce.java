package dev.dingbot.core.contract;

import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.port.ChatModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts many streamed answers of a model at once, for the adapters' tests that they are read without a thread each:
 * how many were still under way once the last had started, the answers, and the threads their pieces came on.
 */
public record StreamsAtOnce(long underWayOnceAllStarted, List<ChatResult> answers, Set<String> pieceThreads) {

    public static StreamsAtOnce start(ChatModel model, ChatRequest request, int count) {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<ChatResult>> streaming = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            streaming.add(model.streamAsync(request, delta -> threads.add(Thread.currentThread().getName())));
        }
        long underWay = streaming.stream().filter(answer -> !answer.isDone()).count();
        List<ChatResult> answers = streaming.stream().map(CompletableFuture::join).toList();
        return new StreamsAtOnce(underWay, answers, Set.copyOf(threads));
    }
}
