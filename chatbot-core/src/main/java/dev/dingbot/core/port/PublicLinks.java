package dev.dingbot.core.port;

import dev.dingbot.core.model.HistoryLinks;
import dev.dingbot.core.model.Image;

import java.util.Optional;

/** Pages the app serves to chat users: generated images and conversation logs behind unguessable links. */
public interface PublicLinks {

    /** Keeps the image and returns its public URL; empty when no public address is configured. */
    Optional<String> publishImage(Image image);

    /** Keeps a rendered conversation log and returns where it can be viewed and downloaded. */
    Optional<HistoryLinks> publishHistory(String title, String markdown);

    PublicLinks NONE = new PublicLinks() {
        @Override
        public Optional<String> publishImage(Image image) {
            return Optional.empty();
        }

        @Override
        public Optional<HistoryLinks> publishHistory(String title, String markdown) {
            return Optional.empty();
        }
    };
}
