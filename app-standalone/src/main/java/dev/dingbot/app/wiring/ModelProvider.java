package dev.dingbot.app.wiring;

import dev.dingbot.anthropic.AnthropicProvider;
import dev.dingbot.anthropic.AnthropicSettings;
import dev.dingbot.app.config.ModelConfig;
import dev.dingbot.azure.AzureProvider;
import dev.dingbot.azure.AzureSettings;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.ImageResult;
import dev.dingbot.core.port.BalanceSource;
import dev.dingbot.core.port.ChatModel;
import dev.dingbot.core.port.ImageModel;
import dev.dingbot.core.provider.FailoverChatModel;
import dev.dingbot.core.provider.KeyProbe;
import dev.dingbot.core.settings.FailoverSettings;
import dev.dingbot.modelhttp.Retry;
import dev.dingbot.modelhttp.Timeouts;
import dev.dingbot.openai.OpenAiProvider;
import dev.dingbot.openai.OpenAiSettings;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The configured model providers behind one face: a {@link FailoverChatModel} over them in the configured order
 * (the original's keys make the one provider when {@code providers} is not set), and the image model and balance
 * of the first OpenAI-compatible or Azure one.
 */
final class ModelProvider implements AutoCloseable {

    /** One provider as {@code check} probes it. */
    record Probed(ModelConfig.Provider config, Supplier<List<KeyProbe>> keys,
                  Optional<Supplier<OpenAiProvider.ProbeResult>> models) {
    }

    private static final ImageModel NO_IMAGES =
            (prompt, user) -> new ImageResult.Failed(ChatStatus.BAD_REQUEST, "未配置图片模型");

    private final FailoverChatModel chat;
    private final ImageModel images;
    private final BalanceSource balance;
    private final List<Probed> probed;
    private final List<AutoCloseable> resources;

    private ModelProvider(FailoverChatModel chat, ImageModel images, BalanceSource balance, List<Probed> probed,
                          List<AutoCloseable> resources) {
        this.chat = chat;
        this.images = images;
        this.balance = balance;
        this.probed = List.copyOf(probed);
        this.resources = List.copyOf(resources);
    }

    static ModelProvider create(ModelConfig config) {
        return create(config, FailoverChatModel.Listener.NONE, Clock.systemUTC());
    }

    static ModelProvider create(ModelConfig config, FailoverChatModel.Listener listener, Clock clock) {
        List<FailoverChatModel.Provider> chain = new ArrayList<>();
        List<Probed> probed = new ArrayList<>();
        List<AutoCloseable> resources = new ArrayList<>();
        ImageModel images = null;
        BalanceSource balance = null;
        for (ModelConfig.Provider p : config.providers()) {
            ChatModel model;
            switch (p.kind()) {
                case OPENAI -> {
                    OpenAiProvider openAi = OpenAiProvider.create(openAiSettings(config, p));
                    model = openAi.chatModel();
                    if (images == null) images = openAi.imageModel();
                    if (balance == null) balance = openAi.balanceSource();
                    probed.add(new Probed(p, openAi::probeKeys, Optional.of(openAi::probe)));
                    resources.add(openAi);
                }
                case AZURE -> {
                    AzureProvider azure = AzureProvider.create(azureSettings(config, p));
                    model = azure.chatModel();
                    if (images == null) images = azure.imageModel();
                    if (balance == null) balance = azure.balanceSource();
                    probed.add(new Probed(p, azure::probeKeys, Optional.of(azure::probe)));
                    resources.add(azure);
                }
                case ANTHROPIC -> {
                    AnthropicProvider anthropic = AnthropicProvider.create(anthropicSettings(config, p));
                    model = anthropic.chatModel();
                    probed.add(new Probed(p, anthropic::probeKeys, Optional.empty()));
                    resources.add(anthropic);
                }
                default -> throw new IllegalStateException("unknown provider kind " + p.kind());
            }
            chain.add(new FailoverChatModel.Provider(p.name(), new ListedModels(model, p.models())));
        }
        FailoverChatModel chat = new FailoverChatModel(chain, config.model(), FailoverSettings.defaults(), clock,
                listener);
        return new ModelProvider(chat, images == null ? NO_IMAGES : images,
                balance == null ? BalanceSource.UNSUPPORTED : balance, probed, resources);
    }

    private static Timeouts openAiTimeouts(ModelConfig config) {
        return new Timeouts(config.connectTimeout(), config.readTimeout(), config.deadline());
    }

    private static Retry openAiRetry(ModelConfig config) {
        Retry defaults = OpenAiSettings.defaults("", "k", "m").retry();
        return new Retry(config.maxRetries(), defaults.baseDelay(), defaults.maxDelay(),
                defaults.maxRetryAfter(), defaults.totalDeadline());
    }

    private static OpenAiSettings openAiSettings(ModelConfig config, ModelConfig.Provider p) {
        OpenAiSettings base = OpenAiSettings.defaults(p.baseUrl(), p.apiKeys().get(0), p.models().get(0));
        return base.toBuilder().apiKeys(p.apiKeys())
                .imageModel(orDefault(config.imageModel(), base.imageModel()))
                .imageSize(orDefault(config.imageSize(), base.imageSize()))
                .proxy(p.proxy()).timeouts(openAiTimeouts(config)).retry(openAiRetry(config)).build();
    }

    private static AzureSettings azureSettings(ModelConfig config, ModelConfig.Provider p) {
        return AzureSettings.builder(p.azure().resourceName(), p.azure().deploymentName(), p.apiKeys().get(0))
                .apiKeys(p.apiKeys())
                .apiStyle(AzureSettings.ApiStyle.DEPLOYMENTS).apiVersion(p.azure().apiVersion())
                .imageDeployment(config.imageModel())
                .imageSize(orDefault(config.imageSize(), OpenAiSettings.defaults("", "k", "m").imageSize()))
                .proxy(p.proxy()).timeouts(openAiTimeouts(config)).retry(openAiRetry(config))
                .build();
    }

    private static AnthropicSettings anthropicSettings(ModelConfig config, ModelConfig.Provider p) {
        AnthropicSettings base = AnthropicSettings.builder(p.baseUrl(), p.apiKeys().get(0), p.models().get(0)).build();
        Retry retry = base.retry();
        return base.toBuilder().apiKeys(p.apiKeys()).proxy(p.proxy())
                .timeouts(new Timeouts(config.connectTimeout(), config.readTimeout(),
                        config.deadline()))
                .retry(new Retry(config.maxRetries(), retry.baseDelay(), retry.maxDelay(),
                        retry.maxRetryAfter(), retry.totalDeadline()))
                .build();
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The chain: every provider's models, failover between them. */
    ChatModel chatModel() {
        return chat;
    }

    ImageModel imageModel() {
        return images;
    }

    BalanceSource balance() {
        return balance;
    }

    /** Each provider, in the chain's order, with how to probe its keys and (OpenAI-compatible) its model list. */
    List<Probed> probed() {
        return probed;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable resource : resources) resource.close();
    }
}
