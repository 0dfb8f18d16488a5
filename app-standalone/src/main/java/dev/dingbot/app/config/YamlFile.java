package dev.dingbot.app.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads config.yml and prompt.yml alike: a directory in the file's place, bytes that are not UTF-8, tabs and
 * syntax errors each become one problem naming the line as an editor counts it. Problems give positions only:
 * the parser's own text may quote a line holding a secret.
 */
final class YamlFile {

    /** The parsed document (a missing node when empty) and the keys given twice, as warnings. */
    record Document(JsonNode root, List<String> duplicateKeys) { }

    private static final YAMLMapper MAPPER = new YAMLMapper();

    private YamlFile() {
    }

    /**
     * @param key          how problems name the file ({@code config file}, {@code prompt_file})
     * @param directoryFix what to do when a directory stands where the file should be
     * @return empty when a problem was added
     */
    static Optional<Document> read(Path file, String key, String directoryFix, List<ConfigProblem> problems) {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            problems.add(new ConfigProblem(key, name, "is a directory, not a file (a container mount of a missing "
                    + "file makes one): " + directoryFix));
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            problems.add(new ConfigProblem(key, name, "cannot be read (" + e.getClass().getSimpleName()
                    + "): give the bot's user read access"));
            return Optional.empty();
        }
        Optional<String> text = utf8(bytes);
        if (text.isEmpty()) {
            problems.add(new ConfigProblem(key, name, "not UTF-8 (invalid bytes at line " + badLine(bytes)
                    + "): save it as UTF-8"));
            return Optional.empty();
        }
        try {
            return Optional.of(new Document(MAPPER.readTree(text.get()), duplicateKeys(text.get())));
        } catch (IOException e) {
            problems.add(new ConfigProblem(key, name, describe(e, text.get())));
            return Optional.empty();
        }
    }

    /** The text without a byte-order mark (as Windows editors save it), or empty when it is not UTF-8. */
    private static Optional<String> utf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            String text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
            return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The 1-based line of the first bytes that are not UTF-8. */
    private static int badLine(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult result = StandardCharsets.UTF_8.newDecoder()
                .decode(in, CharBuffer.allocate(bytes.length), true);
        int end = result.isError() ? in.position() : bytes.length;
        int line = 1;
        for (int i = 0; i < end; i++) {
            if (bytes[i] == '\n') line++;
        }
        return line;
    }

    private static String describe(IOException e, String text) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark at = marked.getProblemMark();
            int line = at.getLine() + 1;
            if (hasTab(text, at)) return "tabs are not allowed (line " + line + "): indent with spaces";
            Mark start = marked.getContextMark();
            String within = start != null && start.getLine() < at.getLine() && unclosed(marked.getContext())
                    ? ", in the quotes or brackets opened at line " + (start.getLine() + 1) : "";
            return "not readable YAML: syntax error at line " + line + ", column " + (at.getColumn() + 1) + within
                    + " (check indentation, quotes and ':' there)";
        }
        if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
            return "not readable YAML: syntax error at line " + jpe.getLocation().getLineNr() + ", column "
                    + jpe.getLocation().getColumnNr() + " (check indentation, quotes and ':' there)";
        }
        return "not readable YAML: " + e.getClass().getSimpleName();
    }

    /** Whether the parser was inside quotes or brackets: then where they opened is where the mistake is. */
    private static boolean unclosed(String context) {
        return context != null && (context.contains("quoted scalar") || context.contains("flow"));
    }

    /** Whether the line of {@code at} is indented with a tab, or the parser stopped at one. */
    private static boolean hasTab(String text, Mark at) {
        String[] lines = text.split("\n", -1);
        if (at.getLine() >= lines.length) return false;
        String line = lines[at.getLine()];
        int indent = 0;
        while (indent < line.length() && Character.isWhitespace(line.charAt(indent))) indent++;
        return line.substring(0, indent).indexOf('\t') >= 0
                || (at.getColumn() < line.length() && line.charAt(at.getColumn()) == '\t');
    }

    /** Keys given twice in one map: YAML keeps the last silently, which hides the first from its author. */
    private static List<String> duplicateKeys(String text) throws IOException {
        List<String> duplicates = new ArrayList<>();
        Deque<MapFrame> maps = new ArrayDeque<>();
        try (JsonParser parser = MAPPER.createParser(text)) {
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                if (t == JsonToken.START_OBJECT) {
                    MapFrame parent = maps.peek();
                    maps.push(new MapFrame(parent == null || parent.last == null ? "" : parent.prefix + parent.last + "."));
                } else if (t == JsonToken.END_OBJECT) {
                    maps.pop();
                } else if (t == JsonToken.FIELD_NAME) {
                    MapFrame map = maps.element();
                    map.last = parser.currentName();
                    int line = parser.currentTokenLocation().getLineNr();
                    Integer first = map.lines.putIfAbsent(map.last, line);
                    if (first != null) {
                        duplicates.add("key '" + map.prefix + map.last + "' is given twice (lines " + first + " and "
                                + line + "); the last one counts: remove the other");
                    }
                }
            }
        }
        return duplicates;
    }

    /** One map being read: its key path, the line of each key seen, the key whose value is being read. */
    private static final class MapFrame {
        final String prefix;
        final Map<String, Integer> lines = new HashMap<>();
        String last;

        MapFrame(String prefix) {
            this.prefix = prefix;
        }
    }
}
