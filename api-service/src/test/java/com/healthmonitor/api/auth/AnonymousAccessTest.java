package com.healthmonitor.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.healthmonitor.api.ApiApplication;
import com.healthmonitor.api.testing.RawHttp;
import com.healthmonitor.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The API is never open by omission: without keys it starts only when told to, and a key too short to resist
 * guessing stops it too. Started as {@code main} starts it, with settings given as the environment gives them.
 */
@ExtendWith(OutputCaptureExtension.class)
class AnonymousAccessTest {

    /** 31 characters: one too few. */
    private static final String SHORT_KEY = "short-secret-key-0123456789abcd";

    private static String database;

    @BeforeAll
    static void migrateDatabase() {
        database = TestDatabase.newMigratedDatabase();
    }

    @Test
    void withoutKeysOrAllowAnonymousTheApiRefusesToStartAndSaysWhichSettingToSet(CapturedOutput output) {
        assertThatThrownBy(() -> start().close())
                .rootCause()
                .isInstanceOf(InvalidApiKeysException.class)
                .hasMessageContaining("API_KEYS")
                .hasMessageContaining("ALLOW_ANONYMOUS");
        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("Set API_KEYS to comma-separated keys of at least 32 characters each")
                .contains("or set ALLOW_ANONYMOUS=true");
    }

    @Test
    void withAllowAnonymousTheApiStartsServesRequestsWithoutAKeyAndWarns(CapturedOutput output) {
        try (ConfigurableApplicationContext api = start("--ALLOW_ANONYMOUS=true")) {
            int port = ((WebServerApplicationContext) api).getWebServer().getPort();
            assertThat(new RawHttp(port).get("/monitors").status()).isEqualTo(200);
        }
        assertThat(output.getOut().lines())
                .anySatisfy(line -> assertThat(line).contains("WARN").contains("ALLOW_ANONYMOUS=true"));
    }

    @Test
    void aKeyShorterThan32CharactersRefusesStartWithoutShowingTheKey(CapturedOutput output) {
        assertThat(SHORT_KEY).hasSize(ApiKeyProperties.MIN_KEY_LENGTH - 1);
        assertThatThrownBy(() -> start("--API_KEYS=long-enough-key-0123456789abcdef012345," + SHORT_KEY)
                        .close())
                .rootCause()
                .isInstanceOf(InvalidApiKeysException.class)
                .hasMessageContaining("key number 2")
                .hasMessageContaining("32")
                .hasMessageNotContaining(SHORT_KEY);
        assertThat(output.getAll()).doesNotContain(SHORT_KEY);
    }

    @Test
    void theStandalonesLocalOnlyAllowanceDoesNotApplyOnOtherAddresses() {
        assertThatThrownBy(() -> start("--health-monitor.api.anonymous-on-loopback=true", "--server.address=0.0.0.0")
                        .close())
                .rootCause()
                .isInstanceOf(InvalidApiKeysException.class)
                .hasMessageContaining("ALLOW_ANONYMOUS");
    }

    private static ConfigurableApplicationContext start(String... arguments) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=" + TestDatabase.USERNAME,
                "--spring.datasource.password=" + TestDatabase.PASSWORD));
        args.addAll(List.of(arguments));
        return new SpringApplicationBuilder(ApiApplication.class)
                .properties("spring.config.name=" + ApiApplication.CONFIG_NAME)
                .run(args.toArray(String[]::new));
    }
}
