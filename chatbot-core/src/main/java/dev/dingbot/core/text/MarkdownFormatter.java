package dev.dingbot.core.text;
public final class MarkdownFormatter { public static String format(String s) { return s; } }
