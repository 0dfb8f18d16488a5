package dev.dingbot.app.wiring;

import dev.dingbot.core.model.HistoryLinks;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.port.PublicLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code dingbot chat}'s stand-in for the public links: a terminal has no web page to link to, so generated images
 * and conversation logs are saved as files in one folder and the reply names their paths.
 */
final class ConsoleFiles implements PublicLinks {

    private static final Logger log = LoggerFactory.getLogger(ConsoleFiles.class);

    private final Path folder;
    private final AtomicInteger count = new AtomicInteger();

    ConsoleFiles(Path folder) {
        this.folder = folder;
    }

    @Override
    public Optional<String> publishImage(Image image) {
        return save("image-" + count.incrementAndGet() + "." + image.extension(), image.bytes());
    }

    @Override
    public Optional<HistoryLinks> publishHistory(String title, String markdown) {
        return save("conversation-" + count.incrementAndGet() + ".md", markdown.getBytes(StandardCharsets.UTF_8))
                .map(path -> new HistoryLinks(path, path));
    }

    private Optional<String> save(String name, byte[] content) {
        try {
            Files.createDirectories(folder);
            Path file = Files.write(folder.resolve(name), content);
            return Optional.of(file.toAbsolutePath().toString());
        } catch (IOException e) {
            log.warn("could not save {} in {}: {}", name, folder, e.toString());
            return Optional.empty();
        }
    }
}
