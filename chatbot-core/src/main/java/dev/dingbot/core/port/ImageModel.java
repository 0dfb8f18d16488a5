package dev.dingbot.core.port;

import dev.dingbot.core.model.ImageResult;

/** Generates images from a prompt. Blocks the calling thread; never throws for provider trouble. */
public interface ImageModel {

    ImageResult generate(String prompt, String user);
}
