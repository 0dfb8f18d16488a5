package dev.dingbot.benchmarks.documents;

import dev.dingbot.benchmarks.system.Latencies;
import dev.dingbot.core.model.DocumentText;
import dev.dingbot.core.port.DocumentReader;
import dev.dingbot.documents.DocumentLimits;
import dev.dingbot.documents.DocumentReaders;
import dev.dingbot.testkit.documents.DocumentFixtures;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * P9: what reading a document costs, in the benchmark JVM: a 100-page PDF of prose (about 1,800 characters a page,
 * written with PDFBox) and an Excel sheet of 50,000 cells (5,000 rows of 10 columns: words, amounts and counts,
 * written with POI's streaming writer), by the reader with its default limits and with the character limit raised so
 * that the whole file is read. Each is read once on its own (the very first read of each family is the JVM's cold
 * one: class loading, PDFBox's font set-up), then 5 times to warm up and 15 times measured (the largest
 * allocation and peak of those reported).
 *
 * <p>Time is wall-clock per read. Memory is two figures per read: the bytes it allocated (the reading thread's
 * count, {@code com.sun.management.ThreadMXBean}), and the peak heap it needed, taken as the sum of each heap
 * pool's peak after a {@code System.gc()} and a reset of the peaks, less the heap in use before the read: an
 * upper bound (the pools may peak at different moments), which includes garbage not yet collected.
 */
public final class DocumentReadBenchmark {

    private static final int PAGES = 100;
    private static final int ROWS = 5_000;
    private static final int COLUMNS = 10;
    private static final int WARMUP = 5;
    private static final int MEASURED = 15;

    private DocumentReadBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        // Run on its own, logback logs at DEBUG; PDFBox warns once per font that Helvetica is mapped to a system font.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.pdfbox.pdmodel.font"))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
        Random random = new Random(2026);
        byte[] pdf = pdf(random);
        byte[] sheet = sheet(random);
        DocumentReader defaults = DocumentReaders.create(DocumentLimits.defaults());
        DocumentReader whole = DocumentReaders.create(DocumentLimits.builder().maxChars(5_000_000).build());
        System.out.printf("PDF: %d pages, %,d bytes; sheet: %,d cells, %,d bytes%n", PAGES, pdf.length,
                ROWS * COLUMNS, sheet.length);
        run("PDF, 100 pages, default limits", defaults, "report.pdf", pdf);
        run("PDF, 100 pages, whole file     ", whole, "report.pdf", pdf);
        run("sheet, 50k cells, default limits", defaults, "table.xlsx", sheet);
        run("sheet, 50k cells, whole file     ", whole, "table.xlsx", sheet);
    }

    private static void run(String title, DocumentReader reader, String name, byte[] file) {
        Measured first = measure(reader, name, file);
        for (int i = 0; i < WARMUP; i++) reader.read(name, file);
        List<Long> nanos = new ArrayList<>();
        long allocated = 0;
        long peak = 0;
        for (int i = 0; i < MEASURED; i++) {
            Measured m = measure(reader, name, file);
            nanos.add(m.nanos);
            allocated = Math.max(allocated, m.allocatedBytes);
            peak = Math.max(peak, m.peakHeapBytes);
        }
        DocumentText text = first.text;
        Latencies warm = Latencies.of(nanos);
        System.out.printf("%s: %s, %,d chars%s; first read %.0f ms (allocated %.0f MiB, peak heap +%.0f MiB); "
                        + "then p50 %.1f ms, max %.1f ms (n=%d), allocated %.0f MiB, peak heap +%.0f MiB%n",
                title, text.outcome(), text.text().length(), text.cut() ? " (cut)" : "", first.nanos / 1e6,
                first.allocatedBytes / 1048576.0, first.peakHeapBytes / 1048576.0, warm.p50(), warm.max(),
                warm.count(), allocated / 1048576.0, peak / 1048576.0);
    }

    private record Measured(DocumentText text, long nanos, long allocatedBytes, long peakHeapBytes) { }

    private static Measured measure(DocumentReader reader, String name, byte[] file) {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        long before = heap.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        DocumentText text = reader.read(name, file);
        long nanos = System.nanoTime() - start;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() - before;
        if (!text.isRead()) throw new IllegalStateException(name + " was not read: " + text.outcome());
        return new Measured(text, nanos, allocated, Math.max(peak, 0));
    }

    private static final String[] WORDS = ("the report shows that revenue grew in the third quarter while costs "
            + "stayed flat across regions and the team expects demand to rise as new customers sign contracts for "
            + "services including support training hosting and data analysis under terms agreed last year").split(" ");

    private static String sentence(Random random, int words) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i > 0) s.append(' ');
            s.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return s.toString();
    }

    /** 100 pages of 40 lines of about 45 characters, in Helvetica. */
    private static byte[] pdf(Random random) {
        String[] pages = new String[PAGES];
        for (int p = 0; p < PAGES; p++) {
            StringBuilder page = new StringBuilder();
            for (int line = 0; line < 40; line++) page.append(sentence(random, 8)).append('\n');
            pages[p] = page.toString();
        }
        return DocumentFixtures.pdf(pages);
    }

    /** 5,000 rows of 10 columns: words, amounts, counts; written as a stream, so that it fits a small heap. */
    private static byte[] sheet(Random random) throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
            Sheet sheet = workbook.createSheet("订单");
            for (int r = 0; r < ROWS; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < COLUMNS; c++) {
                    switch (c % 3) {
                        case 0 -> row.createCell(c).setCellValue(sentence(random, 2));
                        case 1 -> row.createCell(c).setCellValue(random.nextInt(100_000) / 100.0);
                        default -> row.createCell(c).setCellValue(random.nextInt(1000));
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            workbook.dispose();
            return out.toByteArray();
        }
    }

}
