package dev.dingbot.storage;

import dev.dingbot.core.model.LinkedContent;
import dev.dingbot.core.port.LinkStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Links as files a person can open: {@code images/<token>.<ext>} (png, jpg, gif, webp) and
 * {@code chatHistory/<token>.md} beside {@code <token>.properties} (title and expiry). An image's expiry is its
 * file's time plus {@link StorageSettings#imageTtl()}: the file's time is when it was written, as it always was in
 * this layout. Only names that are tokens ({@link LinkStore#isToken}) ever reach the file system.
 */
final class FileLinkStore implements LinkStore {

    private static final Logger log = LoggerFactory.getLogger(FileLinkStore.class);
    private static final Map<String, String> IMAGE_TYPES = Map.of("png", "image/png", "jpg", "image/jpeg",
            "gif", "image/gif", "webp", "image/webp");

    private final Path images;
    private final Path pages;
    private final Duration imageTtl;
    private final Clock clock;

    FileLinkStore(Path dataDir, StorageSettings settings) {
        this.images = dataDir.resolve("images");
        this.pages = dataDir.resolve("chatHistory");
        this.imageTtl = settings.imageTtl();
        this.clock = settings.clock();
    }

    @Override
    public void put(String token, LinkedContent content) {
        if (!LinkStore.isToken(token)) throw new IllegalArgumentException("not a link token: " + token);
        try {
            if (content.kind() == LinkedContent.Kind.IMAGE) {
                putImage(token, content);
            } else {
                putPage(token, content);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the link " + token + " under "
                    + (content.kind() == LinkedContent.Kind.IMAGE ? images : pages) + ": " + e.getMessage(), e);
        }
    }

    private void putImage(String token, LinkedContent content) throws IOException {
        String ext = IMAGE_TYPES.entrySet().stream().filter(t -> t.getValue().equals(content.mediaType()))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("images/ keeps png, jpg, gif and webp, not "
                        + content.mediaType()));
        Path file = images.resolve(token + "." + ext);
        writeAtomically(file, content.body());
        Files.setLastModifiedTime(file, FileTime.from(content.expires().minus(imageTtl)));
    }

    private void putPage(String token, LinkedContent content) throws IOException {
        if (!content.mediaType().equals(LinkedContent.MARKDOWN)) {
            throw new IllegalArgumentException("chatHistory/ keeps Markdown, not " + content.mediaType());
        }
        Properties meta = new Properties();
        meta.setProperty("title", content.title());
        meta.setProperty("expires", content.expires().toString());
        StringWriter text = new StringWriter();
        meta.store(text, null);
        writeAtomically(pages.resolve(token + ".md"), content.body());
        writeAtomically(pages.resolve(token + ".properties"), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** An expired page is deleted on the way. */
    @Override
    public Optional<LinkedContent> get(String token) {
        if (!LinkStore.isToken(token)) return Optional.empty();
        try {
            Optional<LinkedContent> page = page(token);
            return page.isPresent() ? page : image(token);
        } catch (IOException | RuntimeException e) {
            log.warn("unreadable link {}: {}", token, e.toString());
            return Optional.empty();
        }
    }

    private Optional<LinkedContent> page(String token) throws IOException {
        Path metaFile = pages.resolve(token + ".properties");
        Path md = pages.resolve(token + ".md");
        if (!Files.isRegularFile(metaFile)) return Optional.empty();
        Properties meta = meta(metaFile);
        Instant expires = expiry(meta);
        if (deletedWhenExpired(token, expires) || !Files.isRegularFile(md)) return Optional.empty();
        return Optional.of(new LinkedContent(LinkedContent.Kind.PAGE, meta.getProperty("title", ""),
                LinkedContent.MARKDOWN, Files.readAllBytes(md), expires));
    }

    private boolean deletedWhenExpired(String token, Instant expires) throws IOException {
        if (clock.instant().isBefore(expires)) return false;
        Files.deleteIfExists(pages.resolve(token + ".md"));
        Files.deleteIfExists(pages.resolve(token + ".properties"));
        return true;
    }

    private static Instant expiry(Properties meta) {
        return Instant.parse(meta.getProperty("expires", "1970-01-01T00:00:00Z"));
    }

    private static Properties meta(Path metaFile) throws IOException {
        Properties meta = new Properties();
        try (Reader r = Files.newBufferedReader(metaFile, StandardCharsets.UTF_8)) {
            meta.load(r);
        }
        return meta;
    }

    private Optional<LinkedContent> image(String token) throws IOException {
        for (var type : IMAGE_TYPES.entrySet()) {
            Path file = images.resolve(token + "." + type.getKey());
            if (!Files.isRegularFile(file)) continue;
            Instant expires = imageExpiry(file);
            return clock.instant().isBefore(expires)
                    ? Optional.of(new LinkedContent(LinkedContent.Kind.IMAGE, "", type.getValue(),
                    Files.readAllBytes(file), expires))
                    : Optional.empty();
        }
        return Optional.empty();
    }

    @Override
    public int purgeExpired() {
        int purged = 0;
        for (Path metaFile : list(pages, "*.properties")) {
            String token = metaFile.getFileName().toString().replace(".properties", "");
            if (!LinkStore.isToken(token)) continue;
            try {
                if (deletedWhenExpired(token, expiry(meta(metaFile)))) purged++;
            } catch (IOException | RuntimeException e) {
                log.warn("could not purge the conversation page {}: {}", token, e.toString());
            }
        }
        for (Path image : list(images, "*.*")) {
            String name = image.getFileName().toString();
            int dot = name.lastIndexOf('.');
            if (dot < 0 || !LinkStore.isToken(name.substring(0, dot)) || !IMAGE_TYPES.containsKey(name.substring(dot + 1))) {
                continue;
            }
            try {
                if (!clock.instant().isBefore(imageExpiry(image))) {
                    Files.deleteIfExists(image);
                    purged++;
                }
            } catch (IOException e) {
                log.warn("could not delete the expired image {}: {}", image, e.toString());
            }
        }
        return purged;
    }

    private Instant imageExpiry(Path image) throws IOException {
        return Files.getLastModifiedTime(image).toInstant().plus(imageTtl);
    }

    private static List<Path> list(Path dir, String glob) {
        if (!Files.isDirectory(dir)) return List.of();
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
            files.forEach(found::add);
        } catch (IOException e) {
            log.warn("could not list {}: {}", dir, e.toString());
        }
        return found;
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        PrivateFiles.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".tmp-", ".part"); // 0600 on POSIX, the JDK's default
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | UncheckedIOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }
}
