package dev.dingbot.storage.postgres;

/** The database cannot be opened or used; the message is one line for the operator. */
public final class PostgresStorageException extends RuntimeException {

    PostgresStorageException(String message) {
        super(message);
    }

    PostgresStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
