package dev.dingbot.core.text;
import java.util.List;
public final class SensitiveWords {
    private final List<String> words;
    public SensitiveWords(List<String> words) { this.words = words.stream().filter(w -> !w.isEmpty()).toList(); }
    public boolean containsAny(String t) { return words.stream().anyMatch(t::contains); }
    public String mask(String t) { for (String w : words) t = t.replace(w, "🚫".repeat(w.codePointCount(0, w.length()))); return t; }
    public boolean isEmpty() { return words.isEmpty(); }
}
