package org.govhub.signing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.EnumSet;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Loads the hub's SM2 signing key from a PKCS#12 file, creating key, certificate and file on first use. */
public final class SigningKeyStore {

    public static final String ALIAS = "govhub-signing";
    public static final String CURVE = "sm2p256v1";
    public static final int VALIDITY_YEARS = 10;

    /**
     * Bouncy Castle's plain "PKCS12" type encrypts the certificate bag with 40-bit RC2, which
     * openssl 3.0 refuses without {@code -legacy}. This type encrypts the key bag with PBES2
     * (PBKDF2-HMAC-SHA256, AES-256-CBC) and the certificate bag with PBES2 AES-128-CBC, which
     * openssl 3.0 reads as is; the MAC stays HMAC-SHA1. Bouncy Castle 1.86 uses 600,000 PBKDF2
     * iterations (1,200,000 for the MAC), so a store or load takes about a second: fine for a
     * key read once at start-up. Any PKCS#12 type of the provider loads the file back.
     */
    static final String WRITE_TYPE = "PKCS12-AES256-AES128";
    private static final String READ_TYPE = "PKCS12";

    private static final Set<PosixFilePermission> OWNER_READ_WRITE =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private SigningKeyStore() {
    }

    public static SigningKey loadOrCreate(Path pkcs12Path, char[] password, String subjectCommonName, Clock clock)
            throws IOException, GeneralSecurityException {
        if (Files.exists(pkcs12Path)) {
            return load(pkcs12Path, password);
        }
        SigningKey created = create(subjectCommonName, clock);
        write(pkcs12Path, password, created);
        return created;
    }

    static SigningKey load(Path pkcs12Path, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(READ_TYPE, BouncyCastle.PROVIDER);
        try (InputStream in = Files.newInputStream(pkcs12Path)) {
            store.load(in, password);
        }
        if (!(store.getKey(ALIAS, password) instanceof PrivateKey key)) {
            throw new GeneralSecurityException("no private key under alias " + ALIAS + " in " + pkcs12Path);
        }
        if (!(store.getCertificate(ALIAS) instanceof X509Certificate certificate)) {
            throw new GeneralSecurityException("no X.509 certificate under alias " + ALIAS + " in " + pkcs12Path);
        }
        return new SigningKey(key, certificate);
    }

    static SigningKey create(String subjectCommonName, Clock clock) throws GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
        generator.initialize(new ECGenParameterSpec(CURVE), random);
        KeyPair pair = generator.generateKeyPair();
        return new SigningKey(pair.getPrivate(), selfSignedCertificate(pair, subjectCommonName, clock, random));
    }

    private static X509Certificate selfSignedCertificate(
            KeyPair pair, String commonName, Clock clock, SecureRandom random) throws GeneralSecurityException {
        // Built RDN by RDN so that a comma or '=' in the name cannot inject extra attributes.
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, commonName)
                .addRDN(BCStyle.O, "govhub")
                .build();
        Instant notBefore = clock.instant();
        Instant notAfter = notBefore.atOffset(ZoneOffset.UTC).plusYears(VALIDITY_YEARS).toInstant();
        BigInteger serial = new BigInteger(127, random).add(BigInteger.ONE); // positive, at most 16 octets
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    subject, serial, Date.from(notBefore), Date.from(notAfter), subject, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(pair.getPublic()));
            var signer = new JcaContentSignerBuilder("SM3withSM2")
                    .setProvider(BouncyCastle.PROVIDER)
                    .build(pair.getPrivate());
            return new JcaX509CertificateConverter()
                    .setProvider(BouncyCastle.PROVIDER)
                    .getCertificate(builder.build(signer));
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("could not build the signing certificate", e);
        }
    }

    /** The file is created 0600 and only appears at its final name complete (temp file + atomic move). */
    private static void write(Path target, char[] password, SigningKey key)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(WRITE_TYPE, BouncyCastle.PROVIDER);
        store.load(null, null);
        store.setKeyEntry(ALIAS, key.privateKey(), password, new Certificate[] {key.certificate()});

        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                store.store(out, password);
                out.flush();
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
