package dev.dingbot.core.model;

/** The outcome of an image generation. */
public sealed interface ImageResult {

    record Generated(Image image) implements ImageResult { }

    record Failed(ChatStatus status, String message) implements ImageResult { }
}
