package dev.dingbot.core.text;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "https://user:pass@api.example.com/v1 | https://***@api.example.com/v1",
            "http://proxy-user:p@ss@proxy:3128 | http://***@proxy:3128",
            "http://user:pa ss@proxy:3128 | http://***@proxy:3128",
            "http://user:pa/ss@proxy:3128 | http://***@proxy:3128",
            "user:secret@proxy:3128 | ***@proxy:3128",
            "https://api.example.com/v1 | https://api.example.com/v1",
            "https://api.example.com/v1?mail=a@b | https://api.example.com/v1?mail=a@b",
            "'' | ''",
    })
    void a_url_value_loses_its_userinfo_even_when_malformed(String url, String shown) {
        assertThat(Redaction.userInfo(url)).isEqualTo(shown);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Incorrect API key provided: Bearer sk-live-1234567890abcdef. | Incorrect API key provided: ***.",
            "Incorrect API key provided: sk-proj-abcdefghijklmnop | Incorrect API key provided: ***",
            "auth header was 'authorization: bearer abc.def' | auth header was 'authorization: ***'",
            "Proxy-Authorization: Basic dXNlcjpwYXNzd29yZA== refused | Proxy-Authorization: *** refused",
            "upstream http://admin:hunter2@10.0.0.5:8080/v1 failed | upstream http://***@10.0.0.5:8080/v1 failed",
            "azure key 0123456789abcdef0123456789abcdef is invalid | azure key *** is invalid",
            "a basic problem with the model | a basic problem with the model",
    })
    void free_text_loses_known_secrets_and_credential_look_alikes(String text, String shown) {
        assertThat(Redaction.secrets(text, List.of("0123456789abcdef0123456789abcdef", ""))).isEqualTo(shown);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"token-1 and token-12 | *** and ***"})
    void a_secret_inside_a_longer_one_does_not_leave_the_rest_readable(String text, String shown) {
        assertThat(Redaction.secrets(text, List.of("token-1", "token-12"))).isEqualTo(shown);
    }
}
