package dev.dingbot.app.wiring;

import dev.dingbot.core.model.ChatListener;
import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.port.ChatModel;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A provider's chat model serving the models its {@code providers} entry lists (the first its default): the
 * adapter sends whatever model a request names, so only the list is added here.
 */
final class ListedModels implements ChatModel {

    private final ChatModel model;
    private final List<String> models;

    ListedModels(ChatModel model, List<String> models) {
        if (models.isEmpty()) throw new IllegalArgumentException("a provider serves at least one model");
        this.model = model;
        this.models = List.copyOf(models);
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
        return model.complete(request);
    }

    @Override
    public ChatResult stream(ChatRequest request, ChatListener listener) {
        return model.stream(request, listener);
    }

    @Override
    public CompletableFuture<ChatResult> streamAsync(ChatRequest request, ChatListener listener) {
        return model.streamAsync(request, listener);
    }

    @Override
    public int countTokens(List<ChatTurn> turns) {
        return model.countTokens(turns);
    }

    @Override
    public int tokenCeiling(List<ChatTurn> turns) {
        return model.tokenCeiling(turns);
    }
}
