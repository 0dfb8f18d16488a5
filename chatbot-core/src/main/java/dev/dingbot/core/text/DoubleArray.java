package dev.dingbot.core.text;

import java.util.Arrays;

/**
 * Lays a {@link WordTrie} out as a double array: the child of slot s by char c is slot {@code base[s] + c} when
 * {@code check[that slot] == s}, so each transition costs two array reads whatever the fan-out. The root is slot
 * 0; bases are never negative. Free slots are found with a union-find "next free slot" chain.
 */
final class DoubleArray {

    private static final int FREE = -1;
    private static final int CROWDED_TRIES = 16;

    final int[] base;
    final int[] check;
    /** The slot of each trie node. */
    final int[] slotOf;
    /** Trie nodes in breadth-first order, root first. */
    final int[] order;

    private int[] bases;
    private int[] checks;
    private int[] nextFree;
    private int size = 1;
    /**
     * Where nodes with several children start looking: once a search had to skip many free slots that were too
     * fragmented, the next ones skip that stretch (single children still fill its holes). Without this, a list
     * of 100,000 words took seconds to build instead of a fraction of one.
     */
    private int crowdedBelow = 1;

    DoubleArray(WordTrie trie) {
        bases = new int[0];
        checks = new int[0];
        nextFree = new int[0];
        grow(2 * trie.nodes + 256);
        nextFree[0] = 1; // the root's slot
        slotOf = new int[trie.nodes];
        order = new int[trie.nodes];
        int tail = 1;
        for (int head = 0; head < tail; head++) {
            int node = order[head];
            int from = trie.childStart[node];
            int to = trie.childStart[node + 1];
            if (from == to) {
                continue;
            }
            int first = trie.label[from];
            int p = free(to - from == 1 ? first : Math.max(first, crowdedBelow));
            int tries = 0;
            while (!fits(p - first, trie.label, from, to)) {
                p = free(p + 1);
                tries++;
            }
            if (tries > CROWDED_TRIES) {
                crowdedBelow = p;
            }
            int b = p - first;
            bases[slotOf[node]] = b;
            for (int e = from; e < to; e++) {
                int slot = b + trie.label[e];
                checks[slot] = slotOf[node];
                nextFree[slot] = slot + 1;
                size = Math.max(size, slot + 1);
                slotOf[trie.child[e]] = slot;
                order[tail++] = trie.child[e];
            }
        }
        base = Arrays.copyOf(bases, size);
        check = Arrays.copyOf(checks, size);
    }

    int size() {
        return size;
    }

    private boolean fits(int b, char[] labels, int from, int to) {
        for (int e = from; e < to; e++) {
            int slot = b + labels[e];
            if (slot < checks.length && checks[slot] != FREE) {
                return false;
            }
        }
        grow(b + labels[to - 1] + 2);
        return true;
    }

    /** The first free slot at or after {@code slot}, compressing the chain on the way. */
    private int free(int slot) {
        grow(slot + 2);
        int root = slot;
        while (nextFree[root] != root) {
            root = nextFree[root];
            grow(root + 2);
        }
        for (int s = slot; nextFree[s] != root; ) {
            int next = nextFree[s];
            nextFree[s] = root;
            s = next;
        }
        return root;
    }

    private void grow(int needed) {
        int old = checks.length;
        if (needed <= old) {
            return;
        }
        int length = Math.max(needed, old * 2);
        bases = Arrays.copyOf(bases, length);
        checks = Arrays.copyOf(checks, length);
        nextFree = Arrays.copyOf(nextFree, length);
        Arrays.fill(checks, old, length, FREE);
        for (int s = old; s < length; s++) {
            nextFree[s] = s;
        }
    }
}
