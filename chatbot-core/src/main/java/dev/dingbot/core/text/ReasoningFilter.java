package dev.dingbot.core.text;
public final class ReasoningFilter { public static String strip(String s) { return s.replaceAll("(?s)<think>.*?</think>", "").strip(); } public static String visiblePart(String s) { return strip(s); } }
