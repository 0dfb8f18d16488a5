package dev.dingbot.app;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class LoggingTest {

    @Test
    void the_configured_log_level_sets_the_root_logger() {
        Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        try {
            Logging.apply("debug");
            assertThat(root.isDebugEnabled()).isTrue();

            Logging.apply("warn");
            assertThat(root.isInfoEnabled()).isFalse();
            assertThat(root.isWarnEnabled()).isTrue();
        } finally {
            Logging.apply("info");
        }
    }

    @Test
    void the_stream_sdks_connect_loop_logs_nothing_even_at_debug() {
        try {
            Logging.apply("debug");

            assertThat(LoggerFactory.getLogger(Logging.SDK_CONNECT_LOOP).isErrorEnabled()).isFalse();
        } finally {
            Logging.apply("info");
        }
    }

    @Test
    void the_pool_and_the_migrations_log_warnings_only_while_the_storage_says_what_it_did_at_info() {
        try {
            Logging.apply("info");

            assertThat(LoggerFactory.getLogger(Logging.POOL + ".HikariDataSource").isInfoEnabled()).isFalse();
            assertThat(LoggerFactory.getLogger(Logging.POOL + ".HikariDataSource").isWarnEnabled()).isTrue();
            assertThat(LoggerFactory.getLogger(Logging.MIGRATIONS + ".core.FlywayExecutor").isInfoEnabled()).isFalse();
            assertThat(LoggerFactory.getLogger("dev.dingbot.storage.postgres.Schema").isInfoEnabled()).isTrue();
        } finally {
            Logging.apply("info");
        }
    }
}
