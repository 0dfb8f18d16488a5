package dev.dingbot.core.testing;

import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.ImageResult;
import dev.dingbot.core.port.ImageModel;

/** Draws the same picture for every prompt, or refuses every prompt. */
public final class FixedImageModel implements ImageModel {

    private final ImageResult result;

    private FixedImageModel(ImageResult result) {
        this.result = result;
    }

    public static FixedImageModel drawing(byte[] bytes) {
        return new FixedImageModel(new ImageResult.Generated(Image.of(bytes)));
    }

    public static FixedImageModel refusing(String message) {
        return new FixedImageModel(new ImageResult.Failed(ChatStatus.CONTENT_FILTERED, message));
    }

    @Override
    public ImageResult generate(String prompt, String user) {
        return result;
    }
}
