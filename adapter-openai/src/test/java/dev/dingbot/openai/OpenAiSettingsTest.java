package dev.dingbot.openai;


import dev.dingbot.modelhttp.HttpClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAiSettingsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|https://api.openai.com/v1",
            "https://api.openai.com|https://api.openai.com/v1",
            "https://relay.example.com/|https://relay.example.com/v1",
            "https://relay.example.com//|https://relay.example.com/v1",
            "https://api.deepseek.com/v1|https://api.deepseek.com/v1",
            "https://api.deepseek.com/v1/|https://api.deepseek.com/v1",
            "https://dashscope.aliyuncs.com/compatible-mode/v1|https://dashscope.aliyuncs.com/compatible-mode/v1",
            "https://ark.example.com/api/v3|https://ark.example.com/api/v3",
            "http://localhost:11434|http://localhost:11434/v1"})
    void the_base_url_gets_v1_as_the_original_did_unless_it_already_has_a_version(String configured, String expected) {
        assertThat(OpenAiSettings.defaults(configured, "k", "m").apiBase()).isEqualTo(expected);
    }

    @Test
    void to_string_never_shows_the_key_or_the_proxy_password() {
        var settings = OpenAiSettings.builder("", "sk-very-secret", "gpt-4o").proxy("http://bob:hunter2@proxy:3128").build();

        assertThat(settings.toString()).doesNotContain("sk-very-secret").doesNotContain("hunter2").contains("gpt-4o");
        try (var provider = OpenAiProvider.create(settings)) {
            assertThat(provider.toString()).doesNotContain("sk-very-secret");
        }
    }

    @Test
    void a_base_url_that_is_not_http_is_refused_with_a_clear_message() {
        assertThatThrownBy(() -> OpenAiProvider.create(OpenAiSettings.defaults("api.openai.com", "k", "gpt-4o")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http:// or https://");
    }

    @Test
    void defaults_allow_many_concurrent_streams_and_bounded_retries() {
        var settings = OpenAiSettings.defaults("", "k", "gpt-4o");

        assertThat(settings.maxConcurrentStreams()).isGreaterThan(5);
        assertThat(settings.retry().maxRetries()).isBetween(1, 3);
        assertThat(settings.timeouts().overall()).isGreaterThan(settings.timeouts().idleRead());
    }

    @Test
    void the_shared_client_does_not_queue_the_sixth_concurrent_call_to_one_host() {
        var settings = OpenAiSettings.defaults("", "k", "gpt-4o");
        var client = HttpClients.create(settings.timeouts(), settings.maxConcurrentStreams(), settings.proxy());

        assertThat(client.dispatcher().getMaxRequestsPerHost()).isEqualTo(100);
        assertThat(client.dispatcher().getMaxRequests()).isEqualTo(100);
    }
}
