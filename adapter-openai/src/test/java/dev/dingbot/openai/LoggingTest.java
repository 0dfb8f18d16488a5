package dev.dingbot.openai;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.dingbot.testkit.openai.FakeOpenAiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class LoggingTest {

    private static final String PROMPT = "my very private question";
    private final FakeOpenAiServer server = FakeOpenAiServer.start();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.dingbot.openai");

    @BeforeEach
    void capture() {
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(appender);
        logger.setLevel(null);
        server.close();
    }

    @Test
    void a_failure_is_logged_at_warn_with_status_code_and_request_id_but_never_the_key_or_the_prompt() {
        server.enqueueJson(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\",\"code\":\"server_is_overloaded\"}}")
                .enqueueJson(400, "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\",\"code\":\"unsupported_parameter\"}}");

        try (var provider = OpenAiProvider.create(Fixtures.settings(server))) {
            provider.chatModel().complete(Fixtures.question(PROMPT));
        }

        assertThat(appender.list).filteredOn(e -> e.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).contains("503").contains("server_is_overloaded").contains("req_fake_503"))
                .anySatisfy(m -> assertThat(m).contains("400").contains("unsupported_parameter").contains("req_fake_400"));
        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(m -> m.contains(Fixtures.KEY) || m.contains(PROMPT));
    }
}
