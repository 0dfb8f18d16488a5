package dev.dingbot.dingtalk;

import org.junit.jupiter.api.Test;

import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiHttpTest {

    @Test
    void an_unknown_host_is_named_alike_whether_or_not_the_resolver_adds_its_words_so_a_retry_logs_no_new_line() {
        String fresh = OpenApiHttp.reason(new UnknownHostException("api.dingtalk.com: Name or service not known"));
        String cached = OpenApiHttp.reason(new UnknownHostException("api.dingtalk.com"));

        assertThat(fresh).isEqualTo(cached).isEqualTo("unknown host api.dingtalk.com");
    }
}
