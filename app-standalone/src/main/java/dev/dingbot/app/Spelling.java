package dev.dingbot.app;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Names close to a misspelt one, for "did you mean" hints. */
public final class Spelling {

    private Spelling() {
    }

    /**
     * Up to {@code limit} of {@code known} within typo distance of {@code word} (edits, ASCII case ignored),
     * closest first, ties in alphabetical order.
     */
    public static List<String> closest(String word, Collection<String> known, int limit) {
        String w = word.toLowerCase(Locale.ROOT);
        int allowed = Math.max(2, word.length() / 4);
        return known.stream().distinct()
                .filter(k -> distance(w, k.toLowerCase(Locale.ROOT)) <= allowed)
                .sorted(Comparator.<String>comparingInt(k -> distance(w, k.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(limit).toList();
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
