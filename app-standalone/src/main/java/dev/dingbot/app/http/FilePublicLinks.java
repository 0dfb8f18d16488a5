package dev.dingbot.app.http;

import dev.dingbot.core.model.HistoryLinks;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.port.PublicLinks;
import dev.dingbot.storage.PrivateFiles;
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
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Keeps generated images and conversation logs under the data dir and hands out unguessable links to them:
 * {@code images/<id>.<ext>}, {@code chatHistory/<token>.md} with {@code <token>.properties} holding title and
 * expiry (so links survive a restart and still expire). Images are kept for their own TTL, counted from when they
 * were written. Tokens carry 192 random bits; names are checked against a strict pattern before any file is
 * touched, so no request can leave these directories.
 */
public final class FilePublicLinks implements PublicLinks {

    private static final Logger log = LoggerFactory.getLogger(FilePublicLinks.class);
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{32}");
    private static final Pattern IMAGE = Pattern.compile("([A-Za-z0-9_-]{32})\\.(png|jpg|gif|webp)");
    private static final Map<String, String> IMAGE_TYPES = Map.of("png", "image/png", "jpg", "image/jpeg",
            "gif", "image/gif", "webp", "image/webp");

    private final SecureRandom random = new SecureRandom();
    private final Path images;
    private final Path history;
    private final String serviceUrl;
    private final Duration historyTtl;
    private final Duration imageTtl;
    private final Clock clock;

    /** A conversation log that may still be shown. */
    public record StoredHistory(String title, String markdown, Instant expires) { }

    /** @param serviceUrl the public base URL; blank means no links are handed out */
    public FilePublicLinks(Path dataDir, String serviceUrl, Duration historyTtl, Duration imageTtl, Clock clock) {
        this.images = dataDir.resolve("images");
        this.history = dataDir.resolve("chatHistory");
        this.serviceUrl = serviceUrl == null ? "" : serviceUrl.replaceAll("/+$", "");
        this.historyTtl = historyTtl;
        this.imageTtl = imageTtl;
        this.clock = clock;
    }

    @Override
    public Optional<String> publishImage(Image image) {
        if (serviceUrl.isEmpty()) return Optional.empty();
        String ext = image.extension();
        if (!IMAGE_TYPES.containsKey(ext)) {
            log.warn("not publishing an image of type {}", image.mediaType());
            return Optional.empty();
        }
        String name = newToken() + "." + ext;
        try {
            writeAtomically(images.resolve(name), image.bytes());
            // its age is counted on the bot's clock, like the conversation logs' expiry
            Files.setLastModifiedTime(images.resolve(name), FileTime.from(clock.instant()));
        } catch (IOException e) {
            log.error("could not store a generated image under {}: {}", images, e.toString());
            return Optional.empty();
        }
        return Optional.of(serviceUrl + "/images/" + name);
    }

    @Override
    public Optional<HistoryLinks> publishHistory(String title, String markdown) {
        if (serviceUrl.isEmpty()) return Optional.empty();
        String token = newToken();
        Properties meta = new Properties();
        meta.setProperty("title", title == null ? "" : title);
        meta.setProperty("expires", clock.instant().plus(historyTtl).toString());
        try {
            writeAtomically(history.resolve(token + ".md"), markdown.getBytes(StandardCharsets.UTF_8));
            StringWriter w = new StringWriter();
            meta.store(w, null);
            writeAtomically(history.resolve(token + ".properties"), w.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            log.error("could not store a conversation log under {}: {}", history, e.toString());
            return Optional.empty();
        }
        return Optional.of(new HistoryLinks(serviceUrl + "/history/" + token, serviceUrl + "/download/" + token));
    }

    /** The log behind a token; empty when the token is malformed, unknown or expired (an expired one is deleted). */
    public Optional<StoredHistory> history(String token) {
        if (!TOKEN.matcher(token).matches()) return Optional.empty();
        Path metaFile = history.resolve(token + ".properties");
        Path md = history.resolve(token + ".md");
        try {
            if (!Files.isRegularFile(metaFile) || !Files.isRegularFile(md)) return Optional.empty();
            Properties meta = new Properties();
            try (Reader r = Files.newBufferedReader(metaFile, StandardCharsets.UTF_8)) {
                meta.load(r);
            }
            Instant expires = Instant.parse(meta.getProperty("expires", "1970-01-01T00:00:00Z"));
            if (!clock.instant().isBefore(expires)) {
                delete(token);
                return Optional.empty();
            }
            return Optional.of(new StoredHistory(meta.getProperty("title", ""), Files.readString(md), expires));
        } catch (IOException | RuntimeException e) {
            log.warn("unreadable conversation log {}: {}", token, e.toString());
            return Optional.empty();
        }
    }

    /** A stored image's bytes and media type; empty for a malformed, unknown or expired name. */
    public Optional<Image> image(String name) {
        var m = IMAGE.matcher(name);
        if (!m.matches()) return Optional.empty();
        Path file = images.resolve(name);
        try {
            return Files.isRegularFile(file) && !expired(file)
                    ? Optional.of(new Image(Files.readAllBytes(file), IMAGE_TYPES.get(m.group(2))))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Deletes every expired conversation log and image; returns how many. Call at start and now and then. */
    public int purgeExpired() {
        int purged = 0;
        for (Path f : list(history, "*.properties")) {
            String token = f.getFileName().toString().replace(".properties", "");
            if (TOKEN.matcher(token).matches() && history(token).isEmpty()) purged++;
        }
        for (Path image : list(images, "*.*")) {
            try {
                if (IMAGE.matcher(image.getFileName().toString()).matches() && expired(image)) {
                    Files.deleteIfExists(image);
                    purged++;
                }
            } catch (IOException e) {
                log.warn("could not delete the expired image {}: {}", image, e.toString());
            }
        }
        if (purged > 0) log.info("deleted {} expired conversation logs and images", purged);
        return purged;
    }

    private boolean expired(Path image) throws IOException {
        Instant written = Files.getLastModifiedTime(image).toInstant();
        return !clock.instant().isBefore(written.plus(imageTtl));
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

    private void delete(String token) throws IOException {
        Files.deleteIfExists(history.resolve(token + ".md"));
        Files.deleteIfExists(history.resolve(token + ".properties"));
    }

    private String newToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
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
