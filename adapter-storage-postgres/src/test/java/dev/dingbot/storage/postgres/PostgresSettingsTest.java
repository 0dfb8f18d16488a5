package dev.dingbot.storage.postgres;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresSettingsTest {

    @Test
    void defaults_are_ten_connections_a_thirty_second_lease_and_this_process_as_the_instance() {
        PostgresSettings settings = PostgresSettings.builder("jdbc:postgresql://db:5433/dingbot").build();

        assertThat(settings.poolSize()).isEqualTo(10);
        assertThat(settings.lease()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.instanceId()).startsWith(ProcessHandle.current().pid() + "@");
        assertThat(settings.host()).isEqualTo("db");
        assertThat(settings.port()).isEqualTo(5433);
    }

    @Test
    void a_postgres_url_becomes_a_jdbc_url_and_gives_its_user_and_password() {
        PostgresSettings settings = PostgresSettings.builder("postgres://bot:p%40ss%3Aword@db.internal:6432/dingbot?sslmode=require")
                .build();

        assertThat(settings.url()).isEqualTo("jdbc:postgresql://db.internal:6432/dingbot?sslmode=require");
        assertThat(settings.user()).isEqualTo("bot");
        assertThat(settings.password()).isEqualTo("p@ss:word");
    }

    @Test
    void a_user_and_password_given_by_name_win_over_those_in_the_url() {
        PostgresSettings settings = PostgresSettings.builder("postgresql://bot:old@db/dingbot")
                .user("ops").password("new").build();

        assertThat(settings.url()).isEqualTo("jdbc:postgresql://db/dingbot");
        assertThat(settings.user()).isEqualTo("ops");
        assertThat(settings.password()).isEqualTo("new");
        assertThat(settings.host()).isEqualTo("db");
        assertThat(settings.port()).isEqualTo(5432);
    }

    @Test
    void the_password_is_never_printed_not_even_from_the_url() {
        String printed = PostgresSettings.builder("jdbc:postgresql://db/dingbot?user=bot&password=hunter2")
                .user("bot").password("s3cret").build().toString();

        assertThat(printed).doesNotContain("s3cret").doesNotContain("hunter2").contains("password=***");
    }

    @Test
    void a_url_of_another_database_is_refused_without_showing_its_password() {
        assertThatThrownBy(() -> PostgresSettings.builder("mysql://bot:hunter2@db/dingbot").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a PostgreSQL URL")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void the_first_of_several_hosts_and_an_ipv6_address_are_read_with_their_ports() {
        assertThat(PostgresSettings.builder("jdbc:postgresql://a:1,b:2/db").build().port()).isEqualTo(1);
        PostgresSettings v6 = PostgresSettings.builder("jdbc:postgresql://[::1]:6000/db").build();
        assertThat(v6.host()).isEqualTo("[::1]");
        assertThat(v6.port()).isEqualTo(6000);
    }
}
