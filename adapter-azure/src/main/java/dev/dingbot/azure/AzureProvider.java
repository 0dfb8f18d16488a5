package dev.dingbot.azure;

import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.ImageResult;
import dev.dingbot.core.port.BalanceSource;
import dev.dingbot.core.port.ChatModel;
import dev.dingbot.core.port.ImageModel;
import dev.dingbot.core.provider.KeyProbe;
import dev.dingbot.openai.OpenAiProvider;

import java.util.List;

/**
 * The models of one Azure OpenAI resource. Bodies, streaming, error classes (content filter included), retries,
 * timeouts, the proxy and the key pool are the OpenAI adapter's; this class contributes the Azure URLs and
 * {@code api-key}.
 */
public final class AzureProvider implements AutoCloseable {

    private final AzureSettings settings;
    private final OpenAiProvider wire;

    private AzureProvider(AzureSettings settings) {
        this.settings = settings;
        this.wire = OpenAiProvider.create(settings.wireSettings(), new AzureWire(settings));
    }

    public static AzureProvider create(AzureSettings settings) {
        return new AzureProvider(settings);
    }

    public ChatModel chatModel() {
        return wire.chatModel();
    }

    /**
     * Image generation through the image deployment (see {@link AzureSettings#imageDeployment()}); without one,
     * every call answers BAD_REQUEST at once instead of asking Azure for a deployment with no name.
     */
    public ImageModel imageModel() {
        if (settings.imageDeployment().isEmpty()) {
            return (prompt, user) -> new ImageResult.Failed(ChatStatus.BAD_REQUEST, "Azure 未配置图片部署（image deployment），无法生成图片");
        }
        return wire.imageModel();
    }

    /** Azure bills through Azure Cost Management; the inference key cannot read a balance. */
    public BalanceSource balanceSource() {
        return BalanceSource.UNSUPPORTED;
    }

    /** Lists the resource's models once: checks the endpoint and the key (not that the deployment exists). */
    public OpenAiProvider.ProbeResult probe() {
        return wire.probe();
    }

    /** Lists the resource's models once with each key, for {@code check}. */
    public List<KeyProbe> probeKeys() {
        return wire.probeKeys();
    }

    @Override
    public void close() {
        wire.close();
    }

    @Override
    public String toString() {
        return "AzureProvider[" + settings + "]";
    }
}
