package dev.dingbot.benchmarks.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What is alive on a JVM's heap, by class: {@code jcmd <pid> GC.class_histogram}, which collects the whole heap
 * first, so that garbage (however long a collector leaves it) is not counted.
 *
 * @param bytesByClass live bytes of each class's instances, class names without their module
 */
record HeapCensus(Map<String, Long> bytesByClass) {

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)", Pattern.MULTILINE);

    /** Takes the census of process {@code pid} with the jcmd of {@code javaHome}. */
    static HeapCensus of(Path javaHome, long pid) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(javaHome.resolve("bin").resolve("jcmd").toString(), Long.toString(pid),
                "GC.class_histogram").redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd GC.class_histogram failed: " + output.lines().findFirst().orElse(""));
        }
        return parse(output);
    }

    private static HeapCensus parse(String histogram) {
        Map<String, Long> bytes = new LinkedHashMap<>();
        Matcher row = ROW.matcher(histogram);
        while (row.find()) bytes.merge(row.group(2), Long.parseLong(row.group(1)), Long::sum);
        return new HeapCensus(bytes);
    }

    long totalBytes() {
        return bytesByClass.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The {@code top} classes that grew most from {@code before} to this census, with their growth in bytes. */
    List<Map.Entry<String, Long>> grownMostSince(HeapCensus before, int top) {
        return bytesByClass.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.bytesByClass.getOrDefault(e.getKey(), 0L)))
                .sorted(Comparator.comparingLong((Map.Entry<String, Long> e) -> e.getValue()).reversed())
                .limit(top).collect(Collectors.toList());
    }
}
