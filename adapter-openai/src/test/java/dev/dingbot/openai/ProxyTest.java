package dev.dingbot.openai;

import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.modelhttp.Retry;
import dev.dingbot.testkit.openai.FakeOpenAiServer;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProxyTest {

    /** Here the fake server plays the HTTP proxy: it receives the absolute-URI request meant for the target. */
    private final FakeOpenAiServer proxy = FakeOpenAiServer.start();

    @AfterEach
    void stop() {
        proxy.close();
    }

    private static OpenAiSettings viaProxy(String base, String proxyUrl) {
        return OpenAiSettings.builder(base, "sk-x", "gpt-4o-mini").proxy(proxyUrl)
                .retry(Retry.none()).build();
    }

    @Test
    void an_http_proxy_receives_the_absolute_uri_of_an_http_target() {
        proxy.enqueueCompletion("via proxy");

        try (var provider = OpenAiProvider.create(viaProxy("http://llm.example.test:8080", proxy.rootUrl()))) {
            ChatResult result = provider.chatModel().complete(Fixtures.question("hi"));

            assertThat(result.text()).isEqualTo("via proxy");
        }
        RecordedRequest seen = proxy.takeRequest();
        assertThat(seen.getRequestLine()).startsWith("POST http://llm.example.test:8080/v1/chat/completions");
    }

    @Test
    void proxy_credentials_answer_the_407_challenge_with_basic_auth() {
        proxy.enqueue(new MockResponse.Builder().code(407).setHeader("Proxy-Authenticate", "Basic realm=\"proxy\"").build())
                .enqueueCompletion("authenticated");
        String url = proxy.rootUrl().replace("http://", "http://ops:p%40ss@");

        try (var provider = OpenAiProvider.create(viaProxy("http://llm.example.test", url))) {
            assertThat(provider.chatModel().complete(Fixtures.question("hi")).text()).isEqualTo("authenticated");
        }
        proxy.takeRequest();
        assertThat(proxy.takeRequest().getHeaders().get("Proxy-Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("ops:p@ss".getBytes()));
    }

    @Test
    void a_socks5_proxy_with_credentials_carries_the_call_to_the_server() throws IOException {
        try (var target = FakeOpenAiServer.start(); var socks = new Socks5Relay(true)) {
            target.enqueueCompletion("through socks");
            String url = "socks5://alice:s3cret@127.0.0.1:" + socks.port();

            try (var provider = OpenAiProvider.create(viaProxy(target.baseUrl(), url))) {
                ChatResult result = provider.chatModel().complete(Fixtures.question("hi"));

                assertThat(result.status()).isEqualTo(ChatStatus.OK);
                assertThat(result.text()).isEqualTo("through socks");
            }
            assertThat(socks.credentials).containsExactly("alice:s3cret");
            assertThat(socks.targets).singleElement().asString().endsWith(":" + target.server().getPort());
        }
    }

    @Test
    void a_socks5_proxy_without_credentials_works_too() throws IOException {
        try (var target = FakeOpenAiServer.start(); var socks = new Socks5Relay(false)) {
            target.enqueueCompletion("anonymous socks");

            try (var provider = OpenAiProvider.create(viaProxy(target.baseUrl(), "socks5://127.0.0.1:" + socks.port()))) {
                assertThat(provider.chatModel().complete(Fixtures.question("hi")).text()).isEqualTo("anonymous socks");
            }
            assertThat(socks.targets).hasSize(1);
        }
    }

    @Test
    void an_unknown_proxy_scheme_is_refused_with_a_clear_message_that_hides_the_password() {
        assertThatThrownBy(() -> OpenAiProvider.create(viaProxy("", "ftp://u:secret@host:21")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http, https or socks5")
                .hasMessageNotContaining("secret");
    }
}
