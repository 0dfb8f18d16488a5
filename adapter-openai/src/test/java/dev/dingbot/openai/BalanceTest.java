package dev.dingbot.openai;

import dev.dingbot.core.model.Balance;
import dev.dingbot.testkit.openai.FakeOpenAiServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class BalanceTest {

    private final FakeOpenAiServer server = FakeOpenAiServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private Balance balance(OpenAiSettings settings) {
        try (var provider = OpenAiProvider.create(settings)) {
            return provider.balanceSource().balance();
        }
    }

    @Test
    void openai_keys_cannot_read_a_balance_and_say_so_in_plain_chinese() {
        Balance balance = balance(OpenAiSettings.defaults("", "sk-x", "gpt-4o"));

        assertThat(balance).isInstanceOfSatisfying(Balance.Unsupported.class,
                u -> assertThat(u.reason()).contains("余额"));
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void the_deepseek_host_is_recognised_by_its_base_url() {
        var settings = OpenAiSettings.defaults("https://api.deepseek.com", "sk-x", "deepseek-chat");
        try (var provider = OpenAiProvider.create(settings)) {
            assertThat(provider.balanceSource()).isInstanceOf(DeepSeekBalance.class);
        }
    }

    @Test
    void deepseek_balance_is_read_as_exact_decimal_amounts() {
        server.enqueueJson(200, "{\"is_available\":true,\"balance_infos\":[{\"currency\":\"CNY\",\"total_balance\":\"110.00\","
                + "\"granted_balance\":\"10.00\",\"topped_up_balance\":\"100.00\"},{\"currency\":\"USD\",\"total_balance\":\"0.10\"}]}");

        Balance balance = balance(Fixtures.settings(server, "deepseek-chat").toBuilder()
                .balanceApi(OpenAiSettings.BalanceApi.DEEPSEEK).build());

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/user/balance");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + Fixtures.KEY);
        assertThat(balance).isEqualTo(new Balance.Known(java.util.List.of(
                new Balance.Amount("CNY", new BigDecimal("110.00")), new Balance.Amount("USD", new BigDecimal("0.10")))));
    }

    @Test
    void a_failed_balance_call_is_a_failed_balance_with_the_reason() {
        server.enqueueJson(401, "{\"error\":{\"message\":\"Authentication Fails\",\"type\":\"authentication_error\",\"code\":\"invalid_request_error\"}}");

        Balance balance = balance(Fixtures.settings(server, "deepseek-chat").toBuilder()
                .balanceApi(OpenAiSettings.BalanceApi.DEEPSEEK).build());

        assertThat(balance).isInstanceOfSatisfying(Balance.Failed.class,
                f -> assertThat(f.message()).contains("Authentication Fails"));
    }

    @Test
    void an_unreadable_amount_is_a_failed_balance() {
        server.enqueueJson(200, "{\"balance_infos\":[{\"currency\":\"CNY\",\"total_balance\":\"lots\"}]}");

        assertThat(balance(Fixtures.settings(server).toBuilder()
                .balanceApi(OpenAiSettings.BalanceApi.DEEPSEEK).build()))
                .isInstanceOf(Balance.Failed.class);
    }
}
