package dev.dingbot.app.wiring;

import dev.dingbot.app.config.ModelConfig;
import dev.dingbot.azure.AzureProvider;
import dev.dingbot.azure.AzureSettings;
import dev.dingbot.core.port.BalanceSource;
import dev.dingbot.core.port.ChatModel;
import dev.dingbot.core.port.ImageModel;
import dev.dingbot.openai.OpenAiProvider;
import dev.dingbot.openai.OpenAiSettings;

import java.util.function.Supplier;

/** The configured model provider, OpenAI-compatible or Azure, behind one face. */
final class ModelProvider implements AutoCloseable {

    private final ChatModel chat;
    private final ImageModel images;
    private final BalanceSource balance;
    private final Supplier<OpenAiProvider.ProbeResult> probe;
    private final AutoCloseable resources;

    private ModelProvider(ChatModel chat, ImageModel images, BalanceSource balance,
                          Supplier<OpenAiProvider.ProbeResult> probe, AutoCloseable resources) {
        this.chat = chat;
        this.images = images;
        this.balance = balance;
        this.probe = probe;
        this.resources = resources;
    }

    static ModelProvider create(ModelConfig config) {
        OpenAiSettings.Timeouts timeouts = new OpenAiSettings.Timeouts(config.connectTimeout(), config.readTimeout(),
                config.deadline());
        OpenAiSettings base = OpenAiSettings.defaults(config.baseUrl(), config.apiKey(), config.model());
        OpenAiSettings.Retry retry = new OpenAiSettings.Retry(config.maxRetries(), base.retry().baseDelay(),
                base.retry().maxDelay(), base.retry().maxRetryAfter(), base.retry().totalDeadline());
        if (config.kind() == ModelConfig.Kind.AZURE) {
            AzureSettings settings = AzureSettings.builder(config.azureResourceName(), config.azureDeploymentName(),
                            config.apiKey())
                    .apiStyle(AzureSettings.ApiStyle.DEPLOYMENTS).apiVersion(config.azureApiVersion())
                    .imageDeployment(config.imageModel()).imageSize(orDefault(config.imageSize(), base.imageSize()))
                    .proxy(config.proxy())
                    .timeouts(timeouts)
                    .retry(retry)
                    .build();
            AzureProvider azure = AzureProvider.create(settings);
            return new ModelProvider(azure.chatModel(), azure.imageModel(), azure.balanceSource(),
                    azure::probe, azure);
        }
        OpenAiSettings settings = base.toBuilder()
                .imageModel(orDefault(config.imageModel(), base.imageModel()))
                .imageSize(orDefault(config.imageSize(), base.imageSize()))
                .proxy(config.proxy())
                .timeouts(timeouts)
                .retry(retry)
                .build();
        OpenAiProvider openAi = OpenAiProvider.create(settings);
        return new ModelProvider(openAi.chatModel(), openAi.imageModel(), openAi.balanceSource(),
                openAi::probe, openAi);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    ChatModel chatModel() {
        return chat;
    }

    ImageModel imageModel() {
        return images;
    }

    BalanceSource balance() {
        return balance;
    }

    /** Asks the server once whether it takes the key, and which models it lists. */
    OpenAiProvider.ProbeResult probe() {
        return probe.get();
    }

    @Override
    public void close() throws Exception {
        resources.close();
    }
}
