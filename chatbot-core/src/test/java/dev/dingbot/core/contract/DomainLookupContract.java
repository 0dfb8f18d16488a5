package dev.dingbot.core.contract;

import dev.dingbot.core.port.DomainLookup;
import dev.dingbot.core.port.DomainLookup.LookupFailedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What every {@link DomainLookup} promises for input a user typed: a name that is no domain fails as a
 * {@link LookupFailedException} whose message can be shown in the chat, for both lookups, before any network
 * work.
 */
public abstract class DomainLookupContract {

    protected abstract DomainLookup lookup();

    @Test
    void a_whois_of_a_name_that_is_no_domain_fails_with_a_message_fit_to_show() {
        LookupFailedException e = catchThrowableOfType(LookupFailedException.class,
                () -> lookup().whois("not a domain!"));
        assertShowable(e);
    }

    @Test
    void a_certificate_of_a_name_that_is_no_domain_fails_with_a_message_fit_to_show() {
        LookupFailedException e = catchThrowableOfType(LookupFailedException.class,
                () -> lookup().certificate("../../etc/passwd"));
        assertShowable(e);
    }

    private static void assertShowable(LookupFailedException e) {
        assertThat(e).as("a LookupFailedException").isNotNull();
        assertThat(e.getMessage()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
    }
}
