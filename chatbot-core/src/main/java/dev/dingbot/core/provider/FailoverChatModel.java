package dev.dingbot.core.provider;

import dev.dingbot.core.model.ChatListener;
import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.port.ChatModel;
import dev.dingbot.core.settings.FailoverSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A chain of providers behind one {@link ChatModel}. A request naming a model goes to the first provider that lists
 * it, one leaving the model open to the first provider; when that one fails in a way another provider may not
 * (down, overloaded, out of credit, refusing its key, without the model), the next is asked: first the other
 * providers that list the model, with it, then the rest in order, each with its own default. What the question
 * itself caused (too long, filtered, refused) goes back as it is, and so does a streamed answer once some of its
 * text reached the listener: asking again would show the text twice.
 *
 * <p>Each provider has a circuit breaker ({@link FailoverSettings}): one that failed so many times in a row is left
 * out for the cool-down, then tried by one request. A provider left out is still asked when every other one
 * failed, so that a chain whose providers are all out still tries them, in order, rather than answer nothing.
 */
public final class FailoverChatModel implements ChatModel {

    private static final Logger log = LoggerFactory.getLogger(FailoverChatModel.class);

    /** The failures another provider may not have. */
    private static final Set<ChatStatus> FAILS_OVER = EnumSet.of(ChatStatus.SERVER_ERROR, ChatStatus.RATE_LIMITED,
            ChatStatus.QUOTA_EXHAUSTED, ChatStatus.NETWORK, ChatStatus.TIMEOUT, ChatStatus.AUTH_FAILED,
            ChatStatus.MODEL_NOT_FOUND);

    /** A provider of the chain: its name (for logs and results) and the model that serves {@code model.models()}. */
    public record Provider(String name, ChatModel model) {
        public Provider {
            if (Objects.requireNonNull(name, "name").isBlank()) throw new IllegalArgumentException("a provider needs a name");
            Objects.requireNonNull(model, "model");
        }
    }

    public enum BreakerState { CLOSED, OPEN, HALF_OPEN }

    /** Hears the chain's changes, for metrics. Calls come on the asking thread and must return at once. */
    public interface Listener {
        default void breakerChanged(String provider, BreakerState state) {
        }

        default void failedOver(String fromProvider, String toProvider, ChatStatus status) {
        }

        Listener NONE = new Listener() { };
    }

    private record Link(Provider provider, ProviderBreaker breaker) { }

    /** One try: a link and the model it is asked for. */
    private record Attempt(Link link, String model) { }

    private final List<Link> links;
    private final Listener listener;
    private final String defaultModel;

    /** A chain whose default model is the first provider's. */
    public FailoverChatModel(List<Provider> providers, FailoverSettings settings, Clock clock, Listener listener) {
        this(providers, "", settings, clock, listener);
    }

    /**
     * @param defaultModel what a request that names no model is asked for (one of the providers' models); empty:
     *                     the first provider's default
     */
    public FailoverChatModel(List<Provider> providers, String defaultModel, FailoverSettings settings, Clock clock,
                             Listener listener) {
        if (providers.isEmpty()) throw new IllegalArgumentException("a chain needs a provider");
        this.defaultModel = Objects.requireNonNull(defaultModel, "defaultModel");
        if (!defaultModel.isEmpty() && providers.stream().noneMatch(p -> p.model().models().contains(defaultModel))) {
            throw new IllegalArgumentException("no provider lists the default model " + defaultModel);
        }
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        List<Link> built = new ArrayList<>();
        for (Provider provider : providers) {
            if (built.stream().anyMatch(l -> l.provider().name().equals(provider.name()))) {
                throw new IllegalArgumentException("two providers are named " + provider.name());
            }
            built.add(new Link(provider, new ProviderBreaker(settings.failuresToOpen(), settings.coolDown(), clock,
                    state -> breakerChanged(provider.name(), state))));
        }
        this.links = List.copyOf(built);
    }

    /** The default model: the one given, else the first provider's default. */
    @Override
    public String modelName() {
        return defaultModel.isEmpty() ? links.get(0).provider().model().modelName() : defaultModel;
    }

    /** Every provider's models, the default first, then in the chain's order, each once. */
    @Override
    public List<String> models() {
        Set<String> names = new LinkedHashSet<>();
        names.add(modelName());
        links.forEach(l -> names.addAll(l.provider().model().models()));
        return List.copyOf(names);
    }

    @Override
    public ChatResult complete(ChatRequest request) {
        return joined(ask(request, (model, r, ignored) -> CompletableFuture.completedFuture(model.complete(r)), null));
    }

    @Override
    public ChatResult stream(ChatRequest request, ChatListener listener) {
        return joined(ask(request, (model, r, l) -> CompletableFuture.completedFuture(model.stream(r, l)), listener));
    }

    /** Each provider's own {@code streamAsync}: a chain of models that need no thread while they stream needs none either. */
    @Override
    public CompletableFuture<ChatResult> streamAsync(ChatRequest request, ChatListener listener) {
        return ask(request, ChatModel::streamAsync, listener);
    }

    /** The result of a chain that ran on the calling thread, its models' exceptions thrown as they were. */
    private static ChatResult joined(CompletableFuture<ChatResult> chain) {
        try {
            return chain.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            if (e.getCause() instanceof Error cause) throw cause;
            throw e;
        }
    }

    /** Counted by the provider of the default model. */
    @Override
    public int countTokens(List<ChatTurn> turns) {
        return links.get(0).provider().model().countTokens(turns);
    }

    @Override
    public int tokenCeiling(List<ChatTurn> turns) {
        return links.get(0).provider().model().tokenCeiling(turns);
    }

    /** The state of {@code provider}'s breaker. */
    public BreakerState breakerState(String provider) {
        return links.stream().filter(l -> l.provider().name().equals(provider)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no provider " + provider)).breaker().state();
    }

    private interface Call {
        CompletableFuture<ChatResult> call(ChatModel model, ChatRequest request, ChatListener listener);
    }

    private CompletableFuture<ChatResult> ask(ChatRequest request, Call call, ChatListener target) {
        Delivery heard = target == null ? null : new Delivery(target);
        return new Tried(request, call, heard).next();
    }

    /**
     * The attempts of one request so far, each begun when the one before has ended. A provider whose breaker does
     * not admit the request is passed over and asked last; breakers are consulted only as their turn comes.
     */
    private final class Tried {
        private final ChatRequest request;
        private final Call call;
        private final Delivery heard;
        private final Iterator<Attempt> order;
        private final List<Attempt> leftOut = new ArrayList<>();
        private Iterator<Attempt> leftOutOrder;
        private Attempt last;
        private ChatResult result;

        Tried(ChatRequest request, Call call, Delivery heard) {
            this.request = request;
            this.call = call;
            this.heard = heard;
            this.order = attempts(request.model().isEmpty() ? defaultModel : request.model()).iterator();
        }

        /** The chain's result from the next provider on, or the last result when none is left. */
        CompletableFuture<ChatResult> next() {
            Attempt attempt = nextToAsk();
            if (attempt == null) return CompletableFuture.completedFuture(result);
            if (last != null) failedOver(last, attempt, result.status());
            Provider provider = attempt.link().provider();
            return call.call(provider.model(), request.forModel(attempt.model()), heard).thenCompose(answer -> {
                result = answer.answeredBy(provider.name(), attempt.model());
                last = attempt;
                boolean failedOverClass = FAILS_OVER.contains(result.status());
                if (failedOverClass) attempt.link().breaker().failed();
                else attempt.link().breaker().succeeded();
                boolean settled = !failedOverClass || heard != null && heard.answered;
                return settled ? CompletableFuture.completedFuture(result) : next();
            });
        }

        private Attempt nextToAsk() {
            while (order.hasNext()) {
                Attempt attempt = order.next();
                if (attempt.link().breaker().admits()) return attempt;
                leftOut.add(attempt);
            }
            if (leftOutOrder == null) leftOutOrder = leftOut.iterator();
            return leftOutOrder.hasNext() ? leftOutOrder.next() : null;
        }
    }

    /** Passes a stream on and notes whether any of the answer reached it (reasoning alone does not count). */
    private static final class Delivery implements ChatListener {
        private final ChatListener target;
        /** Written by the model's listener thread, read when its attempt has ended. */
        private volatile boolean answered;

        Delivery(ChatListener target) {
            this.target = target;
        }

        @Override
        public void onText(String delta) {
            if (!delta.isEmpty()) answered = true;
            target.onText(delta);
        }

        @Override
        public void onReasoning(String delta) {
            target.onReasoning(delta);
        }
    }

    /**
     * The providers in the order they are asked, each with the model asked of it: those that list {@code model}
     * first (in the chain's order), then the others with their defaults. A model nobody lists (one a conversation
     * chose before the configuration changed) is asked as the default.
     */
    private List<Attempt> attempts(String model) {
        List<Attempt> listing = new ArrayList<>();
        List<Attempt> others = new ArrayList<>();
        for (Link link : links) {
            ChatModel served = link.provider().model();
            if (!model.isEmpty() && served.models().contains(model)) listing.add(new Attempt(link, model));
            else others.add(new Attempt(link, served.modelName()));
        }
        listing.addAll(others);
        return listing;
    }

    private void failedOver(Attempt from, Attempt to, ChatStatus status) {
        log.info("model provider {} failed ({}) with model {}; asking {} with model {}", from.link().provider().name(),
                status, from.model(), to.link().provider().name(), to.model());
        listener.failedOver(from.link().provider().name(), to.link().provider().name(), status);
    }

    private void breakerChanged(String provider, BreakerState state) {
        switch (state) {
            case OPEN -> log.warn("model provider {} is left out for now: it failed too often", provider);
            case HALF_OPEN -> log.info("model provider {} is tried again", provider);
            case CLOSED -> log.info("model provider {} answers again", provider);
        }
        listener.breakerChanged(provider, state);
    }
}
