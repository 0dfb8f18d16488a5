package dev.dingbot.ops;

import dev.dingbot.core.port.DomainLookup.LookupFailedException;

/**
 * A lookup that could not be done: its message is fit to show the user, its kind tells a tool call's outcome.
 * The command sees it as the port's {@link LookupFailedException}.
 */
final class FailedLookup extends Exception {

    enum Kind {
        /** What was asked about is no domain name. */
        NOT_A_DOMAIN,
        /** The name resolves to an address the bot does not contact on a user's behalf. */
        REFUSED_ADDRESS,
        /** The name does not resolve, or its servers could not be reached or did not answer in time. */
        UNREACHABLE,
        /** The servers answered, but not with the facts asked for (not registered, a certificate that fails). */
        NO_FACTS
    }

    private final Kind kind;

    FailedLookup(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    FailedLookup(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }

    LookupFailedException forUser() {
        return new LookupFailedException(getMessage(), this);
    }
}
