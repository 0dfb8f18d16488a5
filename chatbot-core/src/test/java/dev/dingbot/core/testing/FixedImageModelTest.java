package dev.dingbot.core.testing;

import dev.dingbot.core.contract.ImageModelContract;
import dev.dingbot.core.port.ImageModel;

class FixedImageModelTest extends ImageModelContract {

    @Override
    protected ImageModel drawing() {
        return FixedImageModel.drawing(new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0});
    }

    @Override
    protected ImageModel refusing() {
        return FixedImageModel.refusing("the prompt was refused");
    }
}
