package dev.dingbot.core.model;

import java.util.List;
import java.util.Objects;

/** One message of a conversation with the model. Images are sent with the turn but never kept in a session. */
public record ChatTurn(Role role, String text, List<Image> images) {

    public ChatTurn {
        Objects.requireNonNull(role, "role");
        text = Objects.requireNonNullElse(text, "");
        images = List.copyOf(Objects.requireNonNullElse(images, List.of()));
    }

    public static ChatTurn system(String text) {
        return new ChatTurn(Role.SYSTEM, text, List.of());
    }

    public static ChatTurn user(String text) {
        return new ChatTurn(Role.USER, text, List.of());
    }

    public static ChatTurn user(String text, List<Image> images) {
        return new ChatTurn(Role.USER, text, images);
    }

    public static ChatTurn assistant(String text) {
        return new ChatTurn(Role.ASSISTANT, text, List.of());
    }

    public ChatTurn withoutImages() {
        return images.isEmpty() ? this : new ChatTurn(role, text, List.of());
    }
}
