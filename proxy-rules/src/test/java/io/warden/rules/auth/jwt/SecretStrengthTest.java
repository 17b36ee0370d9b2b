package io.warden.rules.auth.jwt;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class SecretStrengthTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "changemechangemechangemechangeme",
            "secretsecretsecretsecretsecret12",
            "your-256-bit-secretyour-256-bit-secret",
            "your-256-bit-secret-padded-to-32-chars!!",
            "P@ssw0rd!P@ssw0rd!P@ssw0rd!P@ssw0rd!",
            "password1234567890password123456",
            "my-super-secret-jwt-key-for-development",
            "my_jwt_secret_key_for_production_2024!!",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "abababababababababababababababababab",
            "abcdefghijklmnopqrstuvwxyzabcdefghij",
            "12345678901234567890123456789012",
            "thisisalonglowercasesentencewithnodigits",
            "Xk9Xk9Xk9Xk9Xk9Xk9Xk9Xk9Xk9Xk9Xk9Xk9",
            "CHANGEME-CHANGEME-CHANGEME-CHANGEME",
            "qwertyuiop-asdfghjkl-zxcvbnm-12345678"})
    void obviouslyWeakSecretsAreFound(String secret) {
        String weakness = SecretStrength.weakness(secret);
        assertThat(weakness).as("'%s' must be refused as an HMAC secret", secret).isNotNull();
        assertThat(weakness).as("the reason never quotes the secret").doesNotContain(secret.substring(0, 8));
    }

    @Property(tries = 300)
    void randomBase64SecretsPass(@ForAll @IntRange(min = 24, max = 96) int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        assertThat(SecretStrength.weakness(secret)).as("random secret %s", secret).isNull();
    }

    @Property(tries = 300)
    void randomHexSecretsPass(@ForAll @IntRange(min = 16, max = 64) int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        assertThat(SecretStrength.weakness(secret)).as("openssl rand -hex output %s", secret).isNull();
    }
}
