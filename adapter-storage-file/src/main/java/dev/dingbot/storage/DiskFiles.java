package dev.dingbot.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** The few durable file operations the stores share. */
final class DiskFiles {

    private static final int BLOCK = 8192;

    private DiskFiles() {
    }

    /** Makes a created, renamed or deleted entry of {@code dir} durable (a no-op where the OS cannot). */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").startsWith("Windows")) throw e;
        }
    }

    /** Writes {@code lines} to a new {@code file} (replacing one left by an earlier attempt) and forces it. */
    static void writeDurably(Path file, List<String> lines) throws IOException {
        try (FileChannel ch = PrivateFiles.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            StringBuilder chunk = new StringBuilder();
            for (String line : lines) {
                chunk.append(line).append('\n');
                if (chunk.length() > 64 * 1024) {
                    writeFully(ch, chunk);
                    chunk.setLength(0);
                }
            }
            writeFully(ch, chunk);
            ch.force(true);
        }
    }

    /** The length of the file up to and including its last newline: what is left when a torn tail is cut. */
    static long endOfLastLine(FileChannel ch, long size) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(BLOCK);
        long end = size;
        while (end > 0) {
            int n = (int) Math.min(BLOCK, end);
            buf.clear().limit(n);
            long at = end - n;
            while (buf.hasRemaining()) {
                if (ch.read(buf, at + buf.position()) < 0) break;
            }
            for (int i = n - 1; i >= 0; i--) {
                if (buf.get(i) == '\n') return at + i + 1;
            }
            end = at;
        }
        return 0;
    }

    private static void writeFully(FileChannel ch, CharSequence text) throws IOException {
        ByteBuffer buf = StandardCharsets.UTF_8.encode(text.toString());
        while (buf.hasRemaining()) ch.write(buf);
    }
}
