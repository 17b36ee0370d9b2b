package io.warden.rules.auth.password;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BcryptPasswordHasherTest {

    private final BcryptPasswordHasher hasher = new BcryptPasswordHasher(12, new SecureRandom());

    @Test
    void hashesAtCost12AndVerifies() {
        String hash = hasher.hash("correct horse battery".toCharArray());

        assertThat(hash).startsWith("$2b$12$").hasSize(60);
        assertThat(hasher.verify("correct horse battery".toCharArray(), hash)).isTrue();
        assertThat(hasher.verify("correct horse batterz".toCharArray(), hash)).isFalse();
        assertThat(hasher.hash("correct horse battery".toCharArray())).as("every hash has its own salt").isNotEqualTo(hash);
    }

    @Test
    void refusesPasswordsBcryptWouldCutAndWeakCosts() {
        char[] long73 = "é".repeat(37).toCharArray();
        assertThat(BcryptPasswordHasher.unusable(long73)).as("bcrypt ignores bytes past 72").contains("74 bytes");
        assertThatThrownBy(() -> hasher.hash(long73)).isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("é");
        assertThatThrownBy(() -> hasher.hash(new char[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BcryptPasswordHasher(10, new SecureRandom())).hasMessageContaining("between 12");
    }

    @Test
    void verifyIsFalseForUnusablePasswordsAndMalformedHashes() {
        String hash = hasher.hash("x".repeat(72).toCharArray());
        assertThat(hasher.verify("x".repeat(80).toCharArray(), hash))
                .as("a password differing only after byte 72 must not log in").isFalse();
        assertThat(hasher.verify(null, hash)).isFalse();
        assertThat(hasher.verify("pw".toCharArray(), "not-a-hash")).isFalse();
    }
}
