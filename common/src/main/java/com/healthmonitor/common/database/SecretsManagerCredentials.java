package com.healthmonitor.common.database;

import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads {@code {"username": ..., "password": ...}}, the form of an RDS-managed secret, from Secrets Manager. */
final class SecretsManagerCredentials implements Supplier<DatabaseCredentials> {

    private final SecretsManagerClient client;
    private final String secretArn;
    private final JsonMapper json = JsonMapper.builder().build();

    SecretsManagerCredentials(SecretsManagerClient client, String secretArn) {
        this.client = client;
        this.secretArn = secretArn;
    }

    @Override
    public DatabaseCredentials get() {
        return parse(
                client.getSecretValue(request -> request.secretId(secretArn)).secretString());
    }

    DatabaseCredentials parse(String secret) {
        JsonNode node = json.readTree(secret);
        if (!node.hasNonNull("username") || !node.hasNonNull("password")) {
            // Never include the secret's content in the message.
            throw new IllegalStateException("the database secret has no username and password fields");
        }
        return new DatabaseCredentials(
                node.get("username").asString(), node.get("password").asString());
    }
}
