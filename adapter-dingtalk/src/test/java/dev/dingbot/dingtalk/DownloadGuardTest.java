package dev.dingbot.dingtalk;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DownloadGuardTest {

    private final DownloadGuard guard = new DownloadGuard(new OkHttpClient(), "http://127.0.0.1:1234",
            "https://oapi.dingtalk.com");

    @ParameterizedTest(name = "{0} may be fetched: {1}")
    @CsvSource({
            "http://127.0.0.1:1234/files/x, true",
            "https://oapi.dingtalk.com/files/x, true",
            "https://static.dingtalk.com/p.png, true",
            "https://93.184.216.34/p.png, true",
            "http://93.184.216.34/p.png, false",
            "http://static.dingtalk.com/p.png, false",
            "http://127.0.0.1:1235/files/x, false",
            "https://127.0.0.1:1234/files/x, false",
            "https://10.0.0.1/p.png, false",
            "https://169.254.169.254/latest/meta-data, false",
            "https://[fd00::1]/p.png, false",
            "https://[64:ff9b::7f00:1]/p.png, false",
    })
    void only_https_to_a_public_address_or_exactly_a_configured_host_is_fetched(String url, boolean fetched) {
        assertThat(guard.clientFor(HttpUrl.get(url))).as(url).matches(c -> c.isPresent() == fetched);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"http://127.0.0.1:1234/files/x", "https://static.dingtalk.com/p.png"})
    void no_download_follows_a_redirect(String url) {
        OkHttpClient client = guard.clientFor(HttpUrl.get(url)).orElseThrow();

        assertThat(client.followRedirects()).isFalse();
        assertThat(client.followSslRedirects()).isFalse();
    }
}
