package dev.dingbot.core.text;

/**
 * The plain trie of a word list over UTF-16 chars, in compact form: the children of node n are
 * {@code label/child[childStart[n] .. childStart[n + 1])}, in ascending label order. Node 0 is the root.
 */
final class WordTrie {

    final int nodes;
    final int[] childStart;
    final char[] label;
    final int[] child;
    /** Length of the word ending at each node, 0 when none does. */
    final int[] wordLen;

    /**
     * Built from sorted words: a word shares the path of its longest common prefix with the word before it, so
     * no lookup is needed, and each node's children are created in ascending label order.
     */
    WordTrie(String[] sortedWords) {
        int capacity = 1;
        int longest = 0;
        for (String word : sortedWords) {
            capacity += word.length();
            longest = Math.max(longest, word.length());
        }
        int[] parent = new int[capacity];
        char[] via = new char[capacity];
        int[] lengths = new int[capacity];
        int[] path = new int[longest + 1]; // path[d]: the node after the first d chars of the previous word
        int count = 1;
        String previous = "";
        for (String word : sortedWords) {
            for (int d = commonPrefix(previous, word); d < word.length(); d++) {
                parent[count] = path[d];
                via[count] = word.charAt(d);
                path[d + 1] = count++;
            }
            lengths[path[word.length()]] = word.length();
            previous = word;
        }
        nodes = count;
        wordLen = lengths;
        // Group the edges by parent with a stable counting sort; node n's edge is the one into n.
        childStart = new int[count + 1];
        for (int n = 1; n < count; n++) {
            childStart[parent[n] + 1]++;
        }
        for (int n = 0; n < count; n++) {
            childStart[n + 1] += childStart[n];
        }
        label = new char[count - 1];
        child = new int[count - 1];
        int[] fill = childStart.clone();
        for (int n = 1; n < count; n++) {
            int slot = fill[parent[n]]++;
            label[slot] = via[n];
            child[slot] = n;
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
