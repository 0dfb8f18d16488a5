package dev.dingbot.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.model.HistoryEntry;
import dev.dingbot.core.port.HistoryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The question/answer log as one JSON-lines file per user under {@code history/} (see {@link HistoryFiles}),
 * plus {@code history/nicks.jsonl} telling which staff-id files hold rows of a nick. Opening reads only the index
 * and the last line of each file (for the highest id); a query reads the matching users' files from the end.
 */
final class FileHistoryStore implements HistoryStore, Closeable {

    private static final Logger log = LoggerFactory.getLogger(FileHistoryStore.class);
    private static final int OPEN_FILES = 256;
    private static final String NICK_INDEX = "nicks.jsonl";

    private final Path dir;
    private final AtomicLong lastId = new AtomicLong();
    private final Set<String> files = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<String>> filesByNick = new ConcurrentHashMap<>();
    private final Journal nickIndex;
    private final OpenJournals journals;

    FileHistoryStore(Path dir, StorageSettings settings, Upkeep upkeep) throws IOException {
        this.dir = PrivateFiles.createDirectories(dir);
        Path indexFile = dir.resolve(NICK_INDEX);
        boolean indexLost = Files.notExists(indexFile);
        Durability durability = Durability.ofRecords(settings.fsync());
        this.nickIndex = Journal.open(indexFile, durability, upkeep,
                line -> {
                    JsonNode record = ModelJson.parse(line);
                    addNick(ModelJson.text(record, "nick"), ModelJson.text(record, "file"));
                });
        try (Stream<Path> listing = Files.list(dir)) {
            for (Path file : (Iterable<Path>) listing::iterator) {
                String name = file.getFileName().toString();
                if (!HistoryFiles.isUserFile(name)) continue;
                files.add(name);
                lastId.accumulateAndGet(newestId(file), Math::max);
            }
        }
        if (indexLost && !files.isEmpty()) rebuildNickIndex();
        this.journals = new OpenJournals(dir, durability, upkeep, OPEN_FILES);
    }

    @Override
    public HistoryEntry append(HistoryEntry entry) {
        String file = HistoryFiles.of(entry);
        if (!entry.staffId().isEmpty()) rememberNick(entry.userNick(), file);
        // the id is taken under the file's write lock, so every file is in id order
        HistoryEntry stored = journals.with(file, journal -> journal.append(
                () -> entry.withId(lastId.incrementAndGet()), row -> ModelJson.line(ModelJson.history(row))));
        files.add(file);
        return stored;
    }

    @Override
    public List<HistoryEntry> findByUser(String user, int offset, int limit) {
        if (user.isBlank() || limit <= 0) return List.of();
        Set<String> candidates = new TreeSet<>(filesByNick.getOrDefault(user, Set.of()));
        candidates.add(HistoryFiles.byStaffId(user));
        candidates.add(HistoryFiles.byNick(user));
        candidates.retainAll(files);
        List<RowCursor> cursors = new ArrayList<>();
        try {
            PriorityQueue<RowCursor> newestFirst = new PriorityQueue<>(
                    Comparator.comparingLong((RowCursor c) -> c.head.id()).reversed());
            for (String name : candidates) {
                RowCursor cursor = new RowCursor(dir.resolve(name), user);
                cursors.add(cursor);
                if (cursor.advance()) newestFirst.add(cursor);
            }
            List<HistoryEntry> page = new ArrayList<>(Math.min(limit, 1024));
            for (int skipped = 0; page.size() < limit && !newestFirst.isEmpty(); ) {
                RowCursor top = newestFirst.poll();
                if (skipped < offset) skipped++;
                else page.add(top.head);
                if (top.advance()) newestFirst.add(top);
            }
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the history of " + user, e);
        } finally {
            cursors.forEach(RowCursor::close);
        }
    }

    /** The background force: see {@link Durability#BACKGROUND}. */
    void forceWritten() {
        nickIndex.forceWritten();
        journals.forceWritten();
    }

    @Override
    public void close() throws IOException {
        journals.close();
        nickIndex.close();
    }

    private void rememberNick(String nick, String file) {
        if (filesByNick.getOrDefault(nick, Set.of()).contains(file)) return;
        nickIndex.append(() -> addNick(nick, file), added -> added
                ? ModelJson.line(ModelJson.object().put("nick", nick).put("file", file)) : null);
    }

    private boolean addNick(String nick, String file) {
        return filesByNick.computeIfAbsent(nick, n -> ConcurrentHashMap.newKeySet()).add(file);
    }

    /** The index is small but derived: when someone deleted it, read every staff-id file once to write it again. */
    private void rebuildNickIndex() throws IOException {
        log.warn("{} is missing: rebuilding it from {} history files", dir.resolve(NICK_INDEX), files.size());
        for (String name : files) {
            if (!name.startsWith("s-")) continue;
            try (Stream<String> lines = Files.lines(dir.resolve(name))) {
                lines.forEach(line -> {
                    try {
                        rememberNick(ModelJson.text(ModelJson.parse(line), "nick"), name);
                    } catch (RuntimeException e) {
                        log.warn("Skipping an unreadable history line in {}: {}", name, e.toString());
                    }
                });
            }
        }
    }

    private static long newestId(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            BackwardLines lines = new BackwardLines(channel);
            for (String line = lines.next(); line != null; line = lines.next()) {
                try {
                    return ModelJson.number(ModelJson.parse(line), "id");
                } catch (RuntimeException e) {
                    log.warn("Skipping an unreadable line at the end of {}: {}", file, e.toString());
                }
            }
            return 0;
        }
    }

    /** The rows of one file that belong to the user, newest first. */
    private static final class RowCursor {
        private final Path file;
        private final String user;
        private final FileChannel channel;
        private final BackwardLines lines;
        HistoryEntry head;

        RowCursor(Path file, String user) throws IOException {
            this.file = file;
            this.user = user;
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
            this.lines = new BackwardLines(channel);
        }

        /** Moves {@link #head} to the next matching row; false at the start of the file. */
        boolean advance() throws IOException {
            for (String line = lines.next(); line != null; line = lines.next()) {
                HistoryEntry row;
                try {
                    row = ModelJson.history(ModelJson.parse(line));
                } catch (RuntimeException e) {
                    log.warn("Skipping an unreadable history line in {}: {}", file, e.toString());
                    continue;
                }
                if (row.userNick().equals(user) || row.staffId().equals(user)) {
                    head = row;
                    return true;
                }
            }
            return false;
        }

        void close() {
            try {
                channel.close();
            } catch (IOException e) {
                log.debug("Closing {} failed", file, e);
            }
        }
    }
}
