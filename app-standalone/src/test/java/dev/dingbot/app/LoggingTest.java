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
}
