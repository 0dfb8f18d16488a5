package dev.dingbot.app.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NoProxyTest {

    @Test
    void a_name_covers_itself_and_its_subdomains_with_or_without_a_leading_dot() {
        NoProxy noProxy = new NoProxy(List.of("localhost", ".corp.example", " Ollama.LAN "));

        assertThat(noProxy.bypasses("localhost")).isTrue();
        assertThat(noProxy.bypasses("llm.corp.example")).isTrue();
        assertThat(noProxy.bypasses("corp.example")).isTrue();
        assertThat(noProxy.bypasses("ollama.lan")).isTrue();
        assertThat(noProxy.bypasses("notcorp.example")).isFalse();
        assertThat(noProxy.bypasses("api.openai.com")).isFalse();
    }

    @Test
    void addresses_match_exactly_and_a_star_matches_every_host() {
        assertThat(new NoProxy(List.of("127.0.0.1", "::1")).bypasses("127.0.0.1")).isTrue();
        assertThat(new NoProxy(List.of("127.0.0.1", "::1")).bypasses("[::1]")).isTrue();
        assertThat(new NoProxy(List.of("127.0.0.1")).bypasses("127.0.0.11")).isFalse();
        assertThat(new NoProxy(List.of("*")).bypasses("api.openai.com")).isTrue();
        assertThat(new NoProxy(List.of()).bypasses("localhost")).isFalse();
    }
}
