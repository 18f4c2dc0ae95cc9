package com.healthmonitor.common.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsUtilities;

class RdsIamCredentialsTest {

    private final RdsUtilities rds = RdsUtilities.builder()
            .region(Region.EU_WEST_1)
            .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "example-secret")))
            .build();

    @Test
    void signsAConnectTokenForTheUrlsHostPortAndUser() {
        RdsIamCredentials credentials = RdsIamCredentials.forUrl(
                rds, "jdbc:postgresql://db.abc.eu-west-1.rds.amazonaws.com:6543/healthmonitor?sslmode=require", "app");

        DatabaseCredentials token = credentials.get();

        assertThat(token.username()).isEqualTo("app");
        assertThat(token.password())
                .startsWith("db.abc.eu-west-1.rds.amazonaws.com:6543/?")
                .contains("Action=connect", "DBUser=app", "X-Amz-Expires=900", "X-Amz-Signature=")
                .contains("X-Amz-Credential=AKIDEXAMPLE%2F");
    }

    @Test
    void defaultsToPostgresPort() {
        DatabaseCredentials token = RdsIamCredentials.forUrl(rds, "jdbc:postgresql://db.internal/hm", "app")
                .get();

        assertThat(token.password()).startsWith("db.internal:5432/?");
    }

    @Test
    void requiresTlsUnlessTheUrlAlreadyDoes() {
        assertThat(RdsIamCredentials.requireTls("jdbc:postgresql://db/hm"))
                .isEqualTo("jdbc:postgresql://db/hm?sslmode=require");
        assertThat(RdsIamCredentials.requireTls("jdbc:postgresql://db/hm?ApplicationName=x"))
                .isEqualTo("jdbc:postgresql://db/hm?ApplicationName=x&sslmode=require");
        assertThat(RdsIamCredentials.requireTls("jdbc:postgresql://db/hm?sslmode=prefer&ApplicationName=x"))
                .isEqualTo("jdbc:postgresql://db/hm?ApplicationName=x&sslmode=require");
        assertThat(RdsIamCredentials.requireTls("jdbc:postgresql://db/hm?sslmode=verify-full"))
                .isEqualTo("jdbc:postgresql://db/hm?sslmode=verify-full");
    }
}
