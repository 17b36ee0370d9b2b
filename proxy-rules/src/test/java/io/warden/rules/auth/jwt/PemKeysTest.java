package io.warden.rules.auth.jwt;

import io.warden.rules.auth.Fixtures;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.security.KeyPair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PemKeysTest {

    @Test
    void readsRsaAndEcPublicKeysIncludingPkcs1() throws IOException {
        KeyPair rsa = Fixtures.rsaKeys();
        KeyPair ec = Fixtures.ecKeys("secp384r1");
        byte[] pkcs1 = SubjectPublicKeyInfo.getInstance(rsa.getPublic().getEncoded()).parsePublicKey().getEncoded();
        String text = "# keys for the chat backend\n"
                + Fixtures.pem("PUBLIC KEY", rsa.getPublic().getEncoded())
                + Fixtures.pem("PUBLIC KEY", ec.getPublic().getEncoded())
                + Fixtures.pem("RSA PUBLIC KEY", pkcs1);

        var keys = PemKeys.parse(text, null);

        assertThat(keys).hasSize(3);
        assertThat(keys.get(0).algorithms()).containsExactly(JwtAlgorithm.RS256, JwtAlgorithm.RS384, JwtAlgorithm.RS512);
        assertThat(keys.get(1).algorithms()).as("a P-384 key only verifies ES384").containsExactly(JwtAlgorithm.ES384);
        assertThat(keys.get(2).algorithms()).containsExactly(JwtAlgorithm.RS256, JwtAlgorithm.RS384, JwtAlgorithm.RS512);
    }

    @Test
    void refusesPrivateKeysAndTextWithoutKeys() {
        KeyPair rsa = Fixtures.rsaKeys();
        String privatePem = Fixtures.pem("PRIVATE KEY", rsa.getPrivate().getEncoded());
        assertThatThrownBy(() -> PemKeys.parse(privatePem, null))
                .as("Warden must never be handed a signing key").hasMessageContaining("private key");
        assertThatThrownBy(() -> PemKeys.parse("hello", null)).hasMessageContaining("no PEM public key");
    }
}
