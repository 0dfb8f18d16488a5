package dev.dingbot.testkit.dingtalk;

/** A file uploaded to {@code /media/upload}: the form's {@code type}, the {@code media} part's name and type. */
public record ApiMedia(String mediaId, String type, String fileName, String contentType, byte[] bytes) {
}
