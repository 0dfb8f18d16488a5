package dev.dingbot.documents;

import dev.dingbot.core.model.DocumentText;
import dev.dingbot.core.model.DocumentText.Outcome;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text files: the charset from a byte-order mark, else UTF-8 when the bytes are valid UTF-8, else GB18030 (which
 * covers GBK and GB2312, what Chinese Windows writes). Bytes that look like a program or an image are not text.
 * Only as many bytes are decoded as the character limit needs.
 */
final class PlainTextExtractor {

    private static final Charset GB18030 = Charset.forName("GB18030");
    /** Enough of the start to tell text from binary. */
    private static final int SNIFFED_BYTES = 8192;

    private PlainTextExtractor() {
    }

    static DocumentText extract(FileName name, byte[] content, int maxChars, TextCollector collector) {
        ByteBuffer bytes = ByteBuffer.wrap(content);
        Charset bom = byteOrderMark(bytes);
        if (bom == null && looksBinary(content)) {
            return DocumentText.failed(Outcome.UNSUPPORTED_TYPE, name.value(), name.label());
        }
        CharBuffer text = CharBuffer.allocate(maxChars);
        CoderResult result;
        if (bom != null) {
            result = decode(bytes, bom, CodingErrorAction.REPLACE, text);
        } else {
            result = decode(bytes.duplicate(), StandardCharsets.UTF_8, CodingErrorAction.REPORT, text);
            if (result.isError()) {
                text.clear();
                result = decode(bytes, GB18030, CodingErrorAction.REPLACE, text);
            }
        }
        collector.append(text.flip());
        if (result.isOverflow()) collector.markCut();
        return collector.result(name.value(), DocumentFamily.TEXT.kind, 0, 0);
    }

    /** The charset a byte-order mark names, the buffer moved past it; {@code null} without one. */
    private static Charset byteOrderMark(ByteBuffer bytes) {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            bytes.position(3);
            return StandardCharsets.UTF_8;
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            bytes.position(2);
            return StandardCharsets.UTF_16LE;
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            bytes.position(2);
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    private static boolean startsWith(ByteBuffer bytes, int... mark) {
        if (bytes.remaining() < mark.length) return false;
        for (int i = 0; i < mark.length; i++) {
            if ((bytes.get(i) & 0xFF) != mark[i]) return false;
        }
        return true;
    }

    /** A NUL byte, or more than one control byte in a hundred that text does not use (tab, newlines, form feed, escape). */
    private static boolean looksBinary(byte[] content) {
        int sniffed = Math.min(content.length, SNIFFED_BYTES);
        int controls = 0;
        for (int i = 0; i < sniffed; i++) {
            int b = content[i] & 0xFF;
            if (b == 0) return true;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1B) controls++;
        }
        return controls * 100 > sniffed;
    }

    /** Decodes into {@code out} until the input ends, an error (when reported) or {@code out} is full (overflow). */
    private static CoderResult decode(ByteBuffer in, Charset charset, CodingErrorAction onError, CharBuffer out) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(onError).onUnmappableCharacter(onError);
        CoderResult result = decoder.decode(in, out, true);
        return result.isUnderflow() ? decoder.flush(out) : result;
    }
}
