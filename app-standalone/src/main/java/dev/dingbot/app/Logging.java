package dev.dingbot.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies {@code log_level} to the root logger once the configuration is known. */
public final class Logging {

    /**
     * The Stream SDK's connect loop: it logs every failed attempt at ERROR with a stack trace, every 5 s. The bot
     * reports each app's connection state itself, one line per change (dev.dingbot.dingtalk.GatewayLink).
     */
    static final String SDK_CONNECT_LOOP = "com.dingtalk.open.app.stream.network.core.DefaultSessionPool";

    /**
     * The MCP SDK logs every JSON-RPC message at debug (tool outputs and arguments included) and each server's start
     * at info; the bot logs each server's state, one line per change, and each call (arguments only at its own
     * debug level).
     */
    static final String MCP_SDK = "io.modelcontextprotocol";

    /**
     * HikariCP logs a connection it finds broken (the database went away) at warn with the driver's stack trace;
     * the bot reports the failed call itself, in one line.
     */
    static final String POOL_BROKEN_CONNECTIONS = "com.zaxxer.hikari.pool.ProxyConnection";

    /**
     * HikariCP logs each pool's start and stop, and Flyway every step of a migration, at info: the storage logs
     * one line of its own for opening the database and one for creating or upgrading its tables.
     */
    static final String POOL = "com.zaxxer.hikari";
    static final String MIGRATIONS = "org.flywaydb";

    /**
     * PDFBox warns of every standard font it maps to a system one, and POI of what it skips in a file: lines about a
     * user's file that tell the operator nothing; the bot logs each file's outcome itself.
     */
    static final String PDF_LIBRARY = "org.apache.pdfbox";
    static final String OFFICE_LIBRARY = "org.apache.poi";

    private Logging() {
    }

    /** @param level trace, debug, info, warn, error or off; anything else means info */
    public static void apply(String level) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level, Level.INFO));
            context.getLogger(SDK_CONNECT_LOOP).setLevel(Level.OFF);
            context.getLogger(MCP_SDK).setLevel(Level.WARN);
            context.getLogger(POOL).setLevel(Level.WARN);
            context.getLogger(MIGRATIONS).setLevel(Level.WARN);
            context.getLogger(POOL_BROKEN_CONNECTIONS).setLevel(Level.ERROR);
            context.getLogger(PDF_LIBRARY).setLevel(Level.ERROR);
            context.getLogger(OFFICE_LIBRARY).setLevel(Level.ERROR);
        }
    }
}
