package dev.dingbot.core.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Splits an answer too long for one message into parts of at most {@code maxChars} UTF-16 chars. A part ends
 * preferably after a blank line (when that leaves it at least half full), else at the end of a line, else by a
 * hard cut that never separates a surrogate pair. A part cut inside a code fence gets a closing fence, and the
 * next part reopens it with the same opening line (language included), so every part renders on its own.
 * Without the added fences, the parts concatenate back to the answer exactly.
 */
final class AnswerSplitter {

    /** Room for a reopened and a closing fence with content still making up at least half of the part. */
    public static final int MIN_MAX_CHARS = 16;

    private AnswerSplitter() {
    }

    /** The answer as one or more messages, in order. */
    public static List<String> split(String text, int maxChars) {
        return parts(text, maxChars).stream().map(Part::render).toList();
    }

    /** One message: the fence reopened from the previous part, a slice of the answer, the fence closing it. */
    record Part(String reopen, String body, String close) {
        String render() {
            return reopen + body + close;
        }
    }

    static List<Part> parts(String text, int maxChars) {
        Objects.requireNonNull(text, "text");
        if (maxChars < MIN_MAX_CHARS) {
            throw new IllegalArgumentException("maxChars must be at least " + MIN_MAX_CHARS + ": " + maxChars);
        }
        if (text.length() <= maxChars) {
            return List.of(new Part("", text, ""));
        }
        Lines lines = new Lines(text, maxChars);
        List<Part> parts = new ArrayList<>();
        int pos = 0;
        Fence open = null; // the fence open at pos
        while (true) {
            String reopen = open == null ? "" : open.reopen();
            int budget = maxChars - reopen.length();
            if (text.length() - pos <= budget) {
                parts.add(new Part(reopen, text.substring(pos), ""));
                return parts;
            }
            int cut = lines.cut(pos, budget);
            open = lines.fenceAt(cut);
            parts.add(new Part(reopen, text.substring(pos, cut), closing(open, text, cut)));
            pos = cut;
        }
    }

    private static String closing(Fence open, String text, int cut) {
        return open == null ? "" : open.closeAfter(text.charAt(cut - 1) == '\n');
    }

    /**
     * A code fence: the line that opened it, reopened verbatim, and the indent plus backticks that close it. A
     * fence too long to repeat within a quarter of a part is reopened and closed as a bare {@code ```}.
     */
    private record Fence(String reopen, String close) {

        static Fence parse(String line, int maxChars) {
            int indent = 0;
            while (indent < line.length() && (line.charAt(indent) == ' ' || line.charAt(indent) == '\t')) {
                indent++;
            }
            int ticks = indent;
            while (ticks < line.length() && line.charAt(ticks) == '`') {
                ticks++;
            }
            if (ticks - indent < 3) {
                return null;
            }
            Fence fence = new Fence(line + "\n", line.substring(0, ticks));
            int cap = maxChars / 4;
            return fence.reopen.length() <= cap && fence.close.length() + 1 <= cap ? fence : new Fence("```\n", "```");
        }

        String closeAfter(boolean atLineStart) {
            return atLineStart ? close : "\n" + close;
        }
    }

    /** The answer's lines with what matters for cutting: where they end, blank ones, and the fence state. */
    private static final class Lines {
        private final String text;
        private final int[] starts;
        private final int[] ends; // exclusive, after the '\n' when there is one
        private final boolean[] blank;
        private final boolean[] fenceLine;
        private final boolean[] opensFence;
        private final Fence[] fenceAfter; // the fence open after each line (and during it), or null

        Lines(String text, int maxChars) {
            this.text = text;
            int count = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    count++;
                }
            }
            starts = new int[count];
            ends = new int[count];
            blank = new boolean[count];
            fenceLine = new boolean[count];
            opensFence = new boolean[count];
            fenceAfter = new Fence[count];
            Fence open = null;
            int start = 0;
            for (int k = 0; k < count; k++) {
                int newline = text.indexOf('\n', start);
                int end = newline < 0 ? text.length() : newline + 1;
                String line = text.substring(start, newline < 0 ? end : newline);
                Fence fence = Fence.parse(line, maxChars);
                if (fence != null) {
                    fenceLine[k] = true;
                    opensFence[k] = open == null;
                    open = open == null ? fence : null;
                }
                starts[k] = start;
                ends[k] = end;
                blank[k] = line.isBlank();
                fenceAfter[k] = open;
                start = end;
            }
        }

        /** Where the part starting at {@code pos} ends, given {@code budget} chars for its body and closing fence. */
        int cut(int pos, int budget) {
            int limit = pos + budget;
            int paragraph = -1;
            int line = -1;
            // Every line end within the limit ends in '\n': the answer's unterminated last line ends beyond it.
            for (int k = lineOf(pos); k < ends.length && ends[k] <= limit; k++) {
                int end = ends[k];
                boolean fits = end - pos + closing(fenceAfter[k], text, end).length() <= budget;
                if (fits && !opensFence[k]) { // a cut right after an opening fence would leave an empty block
                    line = end;
                    if (blank[k]) {
                        paragraph = end;
                    }
                }
            }
            if (paragraph >= 0 && paragraph - pos >= budget / 2) {
                return paragraph;
            }
            return line >= 0 ? line : hardCut(pos, budget);
        }

        /** A cut inside a line too long for the part, outside fence lines unless one alone exceeds the part. */
        private int hardCut(int pos, int budget) {
            int cut = lastHardCut(pos, budget, true);
            return cut > pos ? cut : lastHardCut(pos, budget, false);
        }

        /** Found without sparing fences: a closing fence takes a quarter of the part at most. */
        private int lastHardCut(int pos, int budget, boolean spareFences) {
            int cut = pos + budget;
            while (cut > pos) {
                boolean splitsPair = Character.isHighSurrogate(text.charAt(cut - 1))
                        && Character.isLowSurrogate(text.charAt(cut));
                int k = lineOf(cut - 1);
                boolean splitsFence = spareFences && fenceLine[k] && cut < ends[k];
                if (!splitsPair && !splitsFence && cut - pos + closing(fenceAfter[k], text, cut).length() <= budget) {
                    return cut;
                }
                cut--;
            }
            return cut;
        }

        /** The fence open at a cut, i.e. in the line holding the char before it. */
        Fence fenceAt(int cut) {
            return fenceAfter[lineOf(cut - 1)];
        }

        private int lineOf(int index) {
            int k = Arrays.binarySearch(starts, index);
            return k >= 0 ? k : -k - 2;
        }
    }
}
