package dev.dingbot.core.text;
import java.util.List;
public final class AnswerSplitter { public static List<String> split(String s, int max) { return List.of(s); } }
