package dev.dingbot.benchmarks.text;

import dev.dingbot.core.text.SensitiveWords;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Builds a 10,000-word automaton (half ASCII, half Chinese, 2 to 8 chars) and times {@code containsAny} and
 * {@code mask} on answer-like text of 1 to 16 KB (1 KB = 1024 chars). {@code containsAny} runs on text holding no
 * word, so it scans to the end; {@code mask} runs on the same text with a word planted every 256 chars.
 */
public final class SensitiveWordsBenchmark {

    private static final int WORDS = 10_000;
    private static final int[] SIZES_KB = {1, 2, 4, 8, 16};
    private static final int SAMPLES = 101;
    private static final long SAMPLE_NANOS = 2_000_000;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static volatile long sink;

    private SensitiveWordsBenchmark() {
    }

    public static void main(String[] args) {
        Random random = new Random(2026);
        char[] hanzi = hanzi(random, 600);
        String clean = answer(random, hanzi, 16 * 1024);
        List<String> words = words(random, hanzi, clean);

        long cold = System.nanoTime();
        SensitiveWords automaton = SensitiveWords.of(words);
        double coldMs = (System.nanoTime() - cold) / 1e6;
        double warmMs = median(21, 1, () -> SensitiveWords.of(words).isEmpty() ? 0 : 1) / 1e6;
        System.out.printf("SensitiveWords: %d words (%d ASCII, %d Chinese, 2-8 chars)%n", words.size(),
                words.stream().filter(w -> w.charAt(0) < 128).count(),
                words.stream().filter(w -> w.charAt(0) >= 128).count());
        System.out.printf("build: first %.1f ms, then median %.1f ms%n", coldMs, warmMs);
        System.out.printf("%6s %8s %10s %16s %8s %10s %8s %8s%n",
                "KB", "chars", "UTF-8 B", "containsAny µs", "µs/KB", "mask µs", "µs/KB", "masked");

        for (int kb : SIZES_KB) {
            String text = clean.substring(0, kb * 1024);
            String dirty = plant(random, words, text);
            if (automaton.containsAny(text) || !automaton.containsAny(dirty)) {
                throw new IllegalStateException("the test texts are not what they claim to be");
            }
            long masked = automaton.mask(dirty).codePoints().filter(cp -> cp == 0x1F6AB).count();
            int iterations = 20_000 / kb;
            warmUp(iterations, () -> automaton.containsAny(text) ? 1 : 0);
            warmUp(iterations, () -> automaton.mask(dirty).length());
            double scanUs = median(SAMPLES, batch(automaton, text, true), () -> automaton.containsAny(text) ? 1 : 0)
                    / 1e3;
            double maskUs = median(SAMPLES, batch(automaton, dirty, false), () -> automaton.mask(dirty).length())
                    / 1e3;
            System.out.printf("%6d %8d %10d %16.2f %8.2f %10.2f %8.2f %8d%n", kb, text.length(),
                    text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, scanUs, scanUs / kb, maskUs,
                    maskUs / kb, masked);
        }
    }

    /** Chinese characters drawn from the common block; answers and words share them so matches can happen. */
    private static char[] hanzi(Random random, int count) {
        char[] chars = new char[count];
        for (int i = 0; i < count; i++) {
            chars[i] = (char) (0x4E00 + random.nextInt(0x9FA5 - 0x4E00));
        }
        return chars;
    }

    /** Prose in English and Chinese, list items and code lines, like an LLM answer. */
    private static String answer(Random random, char[] hanzi, int length) {
        String[] english = ("the server config restart nginx timeout request response error log file check port "
                + "process memory disk usage network service status deploy docker container image version update "
                + "install package kernel thread socket connection database query index cache").split(" ");
        StringBuilder text = new StringBuilder(length + 64);
        while (text.length() < length) {
            switch (random.nextInt(5)) {
                case 0, 1 -> {
                    for (int i = 10 + random.nextInt(30); i > 0; i--) {
                        text.append(english[random.nextInt(english.length)]).append(' ');
                    }
                    text.append(".\n\n");
                }
                case 2, 3 -> {
                    for (int i = 20 + random.nextInt(60); i > 0; i--) {
                        text.append(hanzi[random.nextInt(hanzi.length)]);
                    }
                    text.append("。\n\n");
                }
                default -> text.append("```bash\nsystemctl status ").append(english[random.nextInt(english.length)])
                        .append(" --no-pager | grep -i error\n```\n");
            }
        }
        return text.substring(0, length);
    }

    /** Random words, none of which occurs in {@code clean}. */
    private static List<String> words(Random random, char[] hanzi, String clean) {
        Set<String> words = new HashSet<>();
        while (words.size() < WORDS) {
            boolean ascii = words.size() % 2 == 0;
            char[] word = new char[2 + random.nextInt(7)];
            for (int i = 0; i < word.length; i++) {
                word[i] = ascii ? (char) ('a' + random.nextInt(26)) : hanzi[random.nextInt(hanzi.length)];
            }
            String candidate = new String(word);
            if (!clean.contains(candidate)) {
                words.add(candidate);
            }
        }
        List<String> list = new ArrayList<>(words);
        list.sort(null);
        return list;
    }

    /** The text with one word written over it every 256 chars; same length. */
    private static String plant(Random random, List<String> words, String text) {
        char[] chars = text.toCharArray();
        for (int at = 100; at + 8 < chars.length; at += 256) {
            String word = words.get(random.nextInt(words.size()));
            word.getChars(0, word.length(), chars, at);
        }
        return new String(chars);
    }

    private static void warmUp(int iterations, Supplier<Integer> op) {
        long total = 0;
        for (int i = 0; i < iterations; i++) {
            total += op.get();
        }
        sink += total;
    }

    /** How many calls make a sample of about {@link #SAMPLE_NANOS}. */
    private static int batch(SensitiveWords automaton, String text, boolean scan) {
        long start = System.nanoTime();
        int calls = 0;
        while (System.nanoTime() - start < SAMPLE_NANOS) {
            sink += scan ? (automaton.containsAny(text) ? 1 : 0) : automaton.mask(text).length();
            calls++;
        }
        return calls;
    }

    /**
     * Median over {@code samples} of the mean time of {@code calls} calls, in nanoseconds. Thread CPU time, not
     * wall time, so that other processes on a busy machine do not count; it still pays for the caches they evict.
     */
    private static double median(int samples, int calls, Supplier<Integer> op) {
        double[] perCall = new double[samples];
        for (int s = 0; s < samples; s++) {
            long total = 0;
            long start = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < calls; i++) {
                total += op.get();
            }
            perCall[s] = (THREADS.getCurrentThreadCpuTime() - start) / (double) calls;
            sink += total;
        }
        Arrays.sort(perCall);
        return perCall[samples / 2];
    }
}
