package dev.dingbot.core.text;

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

    /** Dense transitions out of the root (the state most texts sit in): char to state, ROOT when absent. */
    private final int[] rootNext;
    /** Transitions out of state s are edges [edgeStart[s], edgeStart[s + 1]), sorted by label. */
    private final int[] edgeStart;
    private final char[] edgeLabel;
    private final int[] edgeTarget;
    private final int[] fail;
    /** Length of the longest word that ends in this state (itself or via failure links); 0 when none. */
    private final int[] matchLen;

    private SensitiveWords(String[] sortedWords) {
        int capacity = 1;
        for (String word : sortedWords) {
            capacity += word.length();
        }
        Trie trie = new Trie(capacity, sortedWords);
        int states = trie.states;

        edgeStart = new int[states + 1];
        edgeLabel = new char[states - 1];
        edgeTarget = new int[states - 1];
        // Counting sort of the edges by source state; stable, so each state's labels stay in ascending order.
        for (int e = 0; e < states - 1; e++) {
            edgeStart[trie.edgeFrom[e] + 1]++;
        }
        for (int s = 0; s < states; s++) {
            edgeStart[s + 1] += edgeStart[s];
        }
        int[] fill = edgeStart.clone();
        for (int e = 0; e < states - 1; e++) {
            int slot = fill[trie.edgeFrom[e]]++;
            edgeLabel[slot] = trie.edgeLabel[e];
            edgeTarget[slot] = trie.edgeTo[e];
        }
        rootNext = new int[states == 1 ? 0 : Character.MAX_VALUE + 1]; // the empty set never steps
        for (int e = edgeStart[ROOT]; e < edgeStart[ROOT + 1]; e++) {
            rootNext[edgeLabel[e]] = edgeTarget[e];
        }

        fail = new int[states];
        matchLen = new int[states];
        linkFailures(trie.wordLen);
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
        int n = text.length();
        int[] covered = null; // first: length of the longest match ending at i; then: 1 when char i is masked
        int state = ROOT;
        for (int i = 0; i < n; i++) {
            state = step(state, text.charAt(i));
            if (matchLen[state] > 0) {
                if (covered == null) {
                    covered = new int[n];
                }
                covered[i] = matchLen[state];
            }
        }
        if (covered == null) {
            return text;
        }
        // Char k is masked iff some match [start, end] has start <= k <= end: scan right to left keeping the
        // smallest start among matches ending at or after k.
        int minStart = Integer.MAX_VALUE;
        for (int k = n - 1; k >= 0; k--) {
            if (covered[k] > 0) {
                minStart = Math.min(minStart, k - covered[k] + 1);
            }
            covered[k] = minStart <= k ? 1 : 0;
        }
        StringBuilder out = new StringBuilder(n + 16);
        for (int k = 0; k < n; ) {
            int width = Character.charCount(text.codePointAt(k));
            // A code point is masked whole if any of its chars is (a word may hold half of a surrogate pair).
            if (covered[k] != 0 || (width == 2 && covered[k + 1] != 0)) {
                out.append(MASK);
            } else {
                out.append(text, k, k + width);
            }
            k += width;
        }
        return out.toString();
    }

    private int step(int state, char c) {
        int s = state;
        while (s != ROOT) {
            int next = child(s, c);
            if (next >= 0) {
                return next;
            }
            s = fail[s];
        }
        return rootNext[c];
    }

    /** The target of the edge labelled {@code c} out of non-root state {@code s}, or -1. */
    private int child(int s, char c) {
        int lo = edgeStart[s];
        int hi = edgeStart[s + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char label = edgeLabel[mid];
            if (label < c) {
                lo = mid + 1;
            } else if (label > c) {
                hi = mid - 1;
            } else {
                return edgeTarget[mid];
            }
        }
        return -1;
    }

    /** Breadth-first, so a state's failure target (always shallower) is complete before the state itself. */
    private void linkFailures(int[] wordLen) {
        int[] queue = new int[matchLen.length];
        int head = 0;
        int tail = 0;
        for (int e = edgeStart[ROOT]; e < edgeStart[ROOT + 1]; e++) {
            int t = edgeTarget[e];
            fail[t] = ROOT;
            matchLen[t] = wordLen[t];
            queue[tail++] = t;
        }
        while (head < tail) {
            int s = queue[head++];
            for (int e = edgeStart[s]; e < edgeStart[s + 1]; e++) {
                int t = edgeTarget[e];
                int target = step(fail[s], edgeLabel[e]);
                fail[t] = target;
                matchLen[t] = Math.max(wordLen[t], matchLen[target]);
                queue[tail++] = t;
            }
        }
    }

    /**
     * The plain trie, built from sorted words: a word shares the path of its longest common prefix with the word
     * before it, so no lookup is needed, and each state's children are created in ascending label order.
     */
    private static final class Trie {
        final int[] edgeFrom;
        final char[] edgeLabel;
        final int[] edgeTo;
        final int[] wordLen;
        int states = 1;

        Trie(int capacity, String[] sortedWords) {
            edgeFrom = new int[capacity];
            edgeLabel = new char[capacity];
            edgeTo = new int[capacity];
            wordLen = new int[capacity];
            int longest = 0;
            for (String word : sortedWords) {
                longest = Math.max(longest, word.length());
            }
            int[] path = new int[longest + 1]; // path[d]: the state after the first d chars of the previous word
            path[0] = ROOT;
            String previous = "";
            for (String word : sortedWords) {
                int shared = commonPrefix(previous, word);
                for (int d = shared; d < word.length(); d++) {
                    int child = states++;
                    edgeFrom[child - 1] = path[d];
                    edgeLabel[child - 1] = word.charAt(d);
                    edgeTo[child - 1] = child;
                    path[d + 1] = child;
                }
                wordLen[path[word.length()]] = word.length();
                previous = word;
            }
        }

        private static int commonPrefix(String a, String b) {
            int max = Math.min(a.length(), b.length());
            int i = 0;
            while (i < max && a.charAt(i) == b.charAt(i)) {
                i++;
            }
            return i;
        }
    }
}
