package dev.dingbot.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleLogTest {

    @Test
    void logback_finds_the_console_log_as_its_configurator() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(ConsoleLog.class);
    }

    @Test
    void the_log_goes_to_standard_error_in_utf8_one_line_per_event_at_info() {
        LoggerContext context = new LoggerContext();
        ConsoleLog log = new ConsoleLog();
        log.setContext(context);

        assertThat(log.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(appenders::add);
        assertThat(appenders).singleElement().isInstanceOfSatisfying(ConsoleAppender.class, console -> {
            assertThat(console.getTarget()).isEqualTo("System.err");
            assertThat(console.isStarted()).isTrue();
            PatternLayoutEncoder encoder = (PatternLayoutEncoder) console.getEncoder();
            assertThat(encoder.getCharset()).isEqualTo(StandardCharsets.UTF_8);
            assertThat(encoder.getPattern()).isEqualTo(ConsoleLog.PATTERN).endsWith("%n");
        });
    }

    @Test
    void a_configuration_file_named_on_the_command_line_takes_over() {
        LoggerContext context = new LoggerContext();
        ConsoleLog log = new ConsoleLog();
        log.setContext(context);
        System.setProperty("logback.configurationFile", "custom.xml");
        try {
            assertThat(log.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        } finally {
            System.clearProperty("logback.configurationFile");
        }
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    }

    @Test
    void the_running_bot_logs_through_it() {
        LoggerContext running = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(running.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("ERR")).isInstanceOf(ConsoleAppender.class);
    }
}
