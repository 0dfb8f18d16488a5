package dev.dingbot.core.model;

/** Where a rendered conversation log can be viewed and downloaded. */
public record HistoryLinks(String viewUrl, String downloadUrl) { }
