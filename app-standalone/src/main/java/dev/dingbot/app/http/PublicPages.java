package dev.dingbot.app.http;

import dev.dingbot.core.model.HistoryLinks;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.LinkedContent;
import dev.dingbot.core.port.LinkStore;
import dev.dingbot.core.port.PublicLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Hands out unguessable links to generated images ({@code /images/<token>.<ext>}) and conversation logs
 * ({@code /history/<token>}, {@code /download/<token>}), and keeps what they lead to in a {@link LinkStore} for
 * their TTL; bots that share the store open each other's links. Tokens carry 192 random bits; a name is checked
 * against a strict pattern before the store is asked.
 */
public final class PublicPages implements PublicLinks {

    private static final Logger log = LoggerFactory.getLogger(PublicPages.class);
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{32}");
    private static final Pattern IMAGE = Pattern.compile("([A-Za-z0-9_-]{32})\\.(png|jpg|gif|webp)");
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "gif", "webp");

    private final SecureRandom random = new SecureRandom();
    private final LinkStore store;
    private final String serviceUrl;
    private final Duration historyTtl;
    private final Duration imageTtl;
    private final Clock clock;

    /** @param serviceUrl the public base URL; blank means no links are handed out */
    public PublicPages(LinkStore store, String serviceUrl, Duration historyTtl, Duration imageTtl, Clock clock) {
        this.store = store;
        this.serviceUrl = serviceUrl == null ? "" : serviceUrl.replaceAll("/+$", "");
        this.historyTtl = historyTtl;
        this.imageTtl = imageTtl;
        this.clock = clock;
    }

    @Override
    public Optional<String> publishImage(Image image) {
        if (serviceUrl.isEmpty()) return Optional.empty();
        String ext = image.extension();
        if (!IMAGE_EXTENSIONS.contains(ext)) {
            log.warn("not publishing an image of type {}", image.mediaType());
            return Optional.empty();
        }
        String token = newToken();
        return kept(token, LinkedContent.image(image, clock.instant().plus(imageTtl)), "a generated image")
                ? Optional.of(serviceUrl + "/images/" + token + "." + ext) : Optional.empty();
    }

    @Override
    public Optional<HistoryLinks> publishHistory(String title, String markdown) {
        if (serviceUrl.isEmpty()) return Optional.empty();
        String token = newToken();
        return kept(token, LinkedContent.page(title, markdown, clock.instant().plus(historyTtl)), "a conversation log")
                ? Optional.of(new HistoryLinks(serviceUrl + "/history/" + token, serviceUrl + "/download/" + token))
                : Optional.empty();
    }

    private boolean kept(String token, LinkedContent content, String what) {
        try {
            store.put(token, content);
            return true;
        } catch (RuntimeException e) {
            log.error("could not keep {}: {}", what, e.toString());
            return false;
        }
    }

    /** The conversation log behind a token; empty when the token is malformed, unknown or expired. */
    public Optional<LinkedContent> history(String token) {
        if (!TOKEN.matcher(token).matches()) return Optional.empty();
        return store.get(token).filter(content -> content.kind() == LinkedContent.Kind.PAGE);
    }

    /** A stored image's bytes and media type; empty for a malformed, unknown or expired name. */
    public Optional<Image> image(String name) {
        var m = IMAGE.matcher(name);
        if (!m.matches()) return Optional.empty();
        return store.get(m.group(1))
                .filter(content -> content.kind() == LinkedContent.Kind.IMAGE)
                .map(LinkedContent::image)
                .filter(image -> image.extension().equals(m.group(2)));
    }

    /** Deletes every expired conversation log and image; returns how many. Call at start and now and then. */
    public int purgeExpired() {
        int purged = store.purgeExpired();
        if (purged > 0) log.info("deleted {} expired conversation logs and images", purged);
        return purged;
    }

    private String newToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
