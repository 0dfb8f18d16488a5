package dev.dingbot.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * The complete lines of a file, last first, read in blocks from the end: a query for the newest rows touches only
 * the tail. Bytes after the last newline (a torn line, or one being appended right now) are not a line.
 */
final class BackwardLines {

    private static final int FIRST_BLOCK = 4 * 1024;
    private static final int MAX_BLOCK = 256 * 1024;
    private static final byte[] NONE = new byte[0];

    private final FileChannel channel;
    private final Deque<String> ready = new ArrayDeque<>();
    private long position;       // bytes before it are still unread
    private byte[] carry = NONE; // the unread start of a line is before position; this is its end
    private boolean atTail = true;
    private int block = FIRST_BLOCK; // small first: most readers want only the last lines

    BackwardLines(FileChannel channel) throws IOException {
        this.channel = channel;
        this.position = channel.size();
    }

    /** The next line towards the start of the file, or null at the start. */
    String next() throws IOException {
        while (ready.isEmpty() && position > 0) readBlock();
        return ready.poll();
    }

    private void readBlock() throws IOException {
        int n = (int) Math.min(block, position);
        block = Math.min(block * 2, MAX_BLOCK);
        position -= n;
        byte[] buf = new byte[n + carry.length];
        ByteBuffer target = ByteBuffer.wrap(buf, 0, n);
        while (target.hasRemaining()) {
            if (channel.read(target, position + target.position()) < 0) throw new IOException("file shrank while read");
        }
        System.arraycopy(carry, 0, buf, n, carry.length);
        int end = buf.length;
        for (int i = buf.length - 1; i >= 0; i--) {
            if (buf[i] != '\n') continue;
            if (atTail) atTail = false; // what follows the last newline is no line
            else addLine(buf, i + 1, end);
            end = i;
        }
        carry = Arrays.copyOf(buf, end);
        if (position == 0 && !atTail) {
            addLine(buf, 0, end);
            carry = NONE;
        }
    }

    private void addLine(byte[] buf, int from, int to) {
        if (to > from) ready.add(new String(buf, from, to - from, StandardCharsets.UTF_8));
    }
}
