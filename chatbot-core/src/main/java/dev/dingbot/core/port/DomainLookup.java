package dev.dingbot.core.port;

import dev.dingbot.core.model.CertificateFacts;
import dev.dingbot.core.model.WhoisFacts;

/** The ops tools behind {@code #域名} and {@code #证书}. */
public interface DomainLookup {

    WhoisFacts whois(String domain) throws LookupFailedException;

    CertificateFacts certificate(String domain) throws LookupFailedException;

    /** A lookup that could not be done; the message is fit to show the user. */
    final class LookupFailedException extends Exception {
        public LookupFailedException(String message) {
            super(message);
        }

        public LookupFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
