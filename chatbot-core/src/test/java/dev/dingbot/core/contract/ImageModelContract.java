package dev.dingbot.core.contract;

import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.ImageResult;
import dev.dingbot.core.port.ImageModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ImageModel} promises. Subclasses give a model whose provider draws any prompt, and one whose
 * provider refuses every prompt.
 */
public abstract class ImageModelContract {

    protected abstract ImageModel drawing();

    protected abstract ImageModel refusing();

    @Test
    void a_drawn_image_comes_back_with_its_bytes_and_the_media_type_they_show() {
        ImageResult result = drawing().generate("a cat in a hat", "u1");
        assertThat(result).isInstanceOf(ImageResult.Generated.class);
        var image = ((ImageResult.Generated) result).image();
        assertThat(image.bytes()).isNotEmpty();
        assertThat(image.mediaType()).isEqualTo(Image.detectMediaType(image.bytes()));
    }

    @Test
    void a_refused_prompt_is_a_failed_value_with_a_message_not_an_exception() {
        ImageResult result = refusing().generate("something refused", "u1");
        assertThat(result).isInstanceOf(ImageResult.Failed.class);
        ImageResult.Failed failed = (ImageResult.Failed) result;
        assertThat(failed.status()).isNotEqualTo(ChatStatus.OK);
        assertThat(failed.message()).isNotBlank();
    }
}
