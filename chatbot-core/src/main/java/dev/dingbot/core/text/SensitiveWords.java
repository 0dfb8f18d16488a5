package dev.dingbot.core.text;

import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;

/**
 * A fixed set of sensitive words, compiled once into one Aho–Corasick automaton over UTF-16 chars, so a check or
 * a mask costs time linear in the text whatever the number of words. Matching is case-sensitive and does no
 * normalisation. Blank words are ignored (a blank word would otherwise match every message). Immutable and
 * thread-safe.
 */
public final class SensitiveWords {

    private static final String MASK = "🚫";
    private static final int ROOT = 0;
    private static final SensitiveWords NONE = new SensitiveWords(new String[0]);

    /** Transitions as a double array (see {@link DoubleArray}): states are its slots. */
    private final int[] base;
    private final int[] check;
    private final int[] fail;
    /** Length of the longest word that ends in this state (itself or via failure links); 0 when none. */
    private final int[] matchLen;

    private SensitiveWords(String[] sortedWords) {
        WordTrie trie = new WordTrie(sortedWords);
        DoubleArray layout = new DoubleArray(trie);
        base = layout.base;
        check = layout.check;
        fail = new int[layout.size()];
        matchLen = new int[layout.size()];
        // Breadth-first, so a state's failure target (always shallower) is complete before the state itself.
        for (int node : layout.order) {
            int s = layout.slotOf[node];
            for (int e = trie.childStart[node]; e < trie.childStart[node + 1]; e++) {
                int t = layout.slotOf[trie.child[e]];
                fail[t] = s == ROOT ? ROOT : step(fail[s], trie.label[e]);
                matchLen[t] = Math.max(trie.wordLen[trie.child[e]], matchLen[fail[t]]);
            }
        }
    }

    /** The automaton for {@code words}; blank entries and duplicates are dropped. */
    public static SensitiveWords of(Collection<String> words) {
        String[] sorted = words.stream()
                .map(word -> Objects.requireNonNull(word, "sensitive word"))
                .filter(word -> !word.isBlank())
                .sorted()
                .distinct()
                .toArray(String[]::new);
        return sorted.length == 0 ? NONE : new SensitiveWords(sorted);
    }

    /** No words: nothing is ever sensitive. */
    public static SensitiveWords none() {
        return NONE;
    }

    public boolean isEmpty() {
        return matchLen.length == 1;
    }

    /** True when at least one word occurs in {@code text}. */
    public boolean containsAny(String text) {
        if (isEmpty()) {
            return false;
        }
        int state = ROOT;
        for (int i = 0, n = text.length(); i < n; i++) {
            state = step(state, text.charAt(i));
            if (matchLen[state] > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Replaces every occurrence of every word by one 🚫 per code point. Overlapping or nested occurrences mask
     * the union of their spans. Returns {@code text} itself when nothing matches.
     */
    public String mask(String text) {
        if (isEmpty()) {
            return text;
        }
        // (end, length) of the longest match ending at each position where one ends, in text order
        int[] matches = new int[16];
        int count = 0;
        int state = ROOT;
        for (int i = 0, n = text.length(); i < n; i++) {
            state = step(state, text.charAt(i));
            int length = matchLen[state];
            if (length > 0) {
                if (count == matches.length) {
                    matches = Arrays.copyOf(matches, count * 2);
                }
                matches[count++] = i + 1;
                matches[count++] = length;
            }
        }
        return count == 0 ? text : render(text, union(matches, count));
    }

    /**
     * Disjoint (start, end) spans covering the matches, in text order. Built from the last match backwards: ends
     * only decrease, so a match that misses the current span misses everything after it too.
     */
    private static int[] union(int[] matches, int count) {
        int[] spans = new int[count];
        int w = count;
        int end = matches[count - 2];
        int start = end - matches[count - 1];
        for (int r = count - 4; r >= 0; r -= 2) {
            if (matches[r] >= start) {
                start = Math.min(start, matches[r] - matches[r + 1]);
            } else {
                spans[--w] = end;
                spans[--w] = start;
                end = matches[r];
                start = end - matches[r + 1];
            }
        }
        spans[--w] = end;
        spans[--w] = start;
        return Arrays.copyOfRange(spans, w, count);
    }

    /** The text with each span replaced by one 🚫 per code point; a span halving a surrogate pair takes it whole. */
    private static String render(String text, int[] spans) {
        int n = text.length();
        int length = n;
        for (int i = 0; i < spans.length; i += 2) {
            if (splitsPair(text, spans[i])) {
                spans[i]--;
            }
            if (splitsPair(text, spans[i + 1])) {
                spans[i + 1]++;
            }
            length += MASK.length() * text.codePointCount(spans[i], spans[i + 1]) - (spans[i + 1] - spans[i]);
        }
        char[] out = new char[length];
        int from = 0;
        int at = 0;
        for (int i = 0; i < spans.length; i += 2) {
            text.getChars(from, spans[i], out, at);
            at += spans[i] - from;
            for (int k = text.codePointCount(spans[i], spans[i + 1]); k > 0; k--) {
                MASK.getChars(0, MASK.length(), out, at);
                at += MASK.length();
            }
            from = spans[i + 1];
        }
        text.getChars(from, n, out, at);
        return new String(out);
    }

    private static boolean splitsPair(String text, int index) {
        return index > 0 && index < text.length()
                && Character.isHighSurrogate(text.charAt(index - 1)) && Character.isLowSurrogate(text.charAt(index));
    }

    private int step(int state, char c) {
        int s = state;
        while (true) {
            int t = base[s] + c;
            if (t < check.length && check[t] == s) {
                return t;
            }
            if (s == ROOT) {
                return ROOT;
            }
            s = fail[s];
        }
    }
}
