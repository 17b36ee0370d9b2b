package io.warden.core.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * A self-signed certificate for {@code localhost} so HTTPS works in development with nothing to
 * set up. Made once (EC P-256, one year) under the data directory and reused on later starts
 * until it is about to expire. Browsers warn about it: it is for development only, and the config
 * refuses an HTTPS listener without a real certificate anywhere else.
 */
public final class DevelopmentCertificate {

    static final String CERTIFICATE = "development-cert.pem";
    static final String KEY = "development-key.pem";
    private static final Duration VALIDITY = Duration.ofDays(365);
    private static final Duration RENEW_BEFORE = Duration.ofDays(7);

    /** Where the pair lives and whether this start made it. */
    public record Location(Path certificate, Path privateKey, boolean created, Instant notAfter) {
    }

    private DevelopmentCertificate() {
    }

    /** The pair under {@code dir}, made now when missing or close to expiry. */
    public static Location ensure(Path dir, Instant now) throws IOException, GeneralSecurityException {
        Path certificate = dir.resolve(CERTIFICATE);
        Path key = dir.resolve(KEY);
        if (Files.exists(certificate) && Files.exists(key)) {
            PemFiles.Pair existing = PemFiles.read(Files.readAllBytes(certificate), Files.readAllBytes(key));
            Instant notAfter = existing.leaf().getNotAfter().toInstant();
            if (notAfter.isAfter(now.plus(RENEW_BEFORE))) {
                return new Location(certificate, key, false, notAfter);
            }
        }
        Files.createDirectories(dir);
        KeyPair pair = newKeyPair();
        Instant notAfter = now.plus(VALIDITY);
        X509CertificateHolder holder = selfSigned(pair, now, notAfter);
        writeAtomically(key, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
        writeAtomically(certificate, pem("CERTIFICATE", holder.getEncoded()), false);
        return new Location(certificate, key, true, notAfter);
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509CertificateHolder selfSigned(KeyPair pair, Instant now, Instant notAfter)
            throws IOException, GeneralSecurityException {
        X500Name name = new X500Name("CN=localhost, O=Warden development");
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name,
                new BigInteger(127, new SecureRandom()).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(notAfter), name,
                SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()));
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1")}));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        try {
            return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the development certificate", e);
        }
    }

    private static byte[] pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Written beside and moved into place, so a reader never sees half a file; keys readable by the owner only. */
    private static void writeAtomically(Path target, byte[] content, boolean secret) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (secret && tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.write(tmp, content);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
