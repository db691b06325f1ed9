package org.govhub.signing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Sm2SignatureEncodingTest {

    private static final byte[] DATA = "county 3301 quarterly return".getBytes(StandardCharsets.UTF_8);

    private static KeyPair keyPair;

    @BeforeAll
    static void generateKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        generator.initialize(new ECGenParameterSpec("sm2p256v1"));
        keyPair = generator.generateKeyPair();
    }

    @Test
    void signatureIsDerSequenceOfTwoIntegers() {
        byte[] signature = Sm2Signatures.sign(keyPair.getPrivate(), DATA);

        ASN1Sequence sequence = ASN1Sequence.getInstance(signature);
        assertEquals(2, sequence.size());
        assertTrue(ASN1Integer.getInstance(sequence.getObjectAt(0)).getPositiveValue().signum() > 0);
        assertTrue(ASN1Integer.getInstance(sequence.getObjectAt(1)).getPositiveValue().signum() > 0);
    }

    @Test
    void derSignatureVerifiesAndTamperedDataDoesNot() {
        byte[] signature = Sm2Signatures.sign(keyPair.getPrivate(), DATA);
        byte[] tampered = DATA.clone();
        tampered[0] ^= 1;

        assertTrue(Sm2Signatures.verify(keyPair.getPublic(), DATA, signature));
        assertFalse(Sm2Signatures.verify(keyPair.getPublic(), tampered, signature));
    }

    @Test
    void rawSixtyFourByteSignatureIsAccepted() throws Exception {
        for (int i = 0; i < 20; i++) { // several signatures, so short r or s values get covered too
            byte[] raw = derToRaw(Sm2Signatures.sign(keyPair.getPrivate(), DATA));

            assertEquals(64, raw.length);
            assertTrue(Sm2Signatures.verify(keyPair.getPublic(), DATA, raw));
            assertTrue(Sm2Signatures.verify(keyPair.getPublic(), new ByteArrayInputStream(DATA), raw));
        }
    }

    @Test
    void rawSignatureOverOtherDataIsRejected() {
        byte[] raw = derToRaw(Sm2Signatures.sign(keyPair.getPrivate(), DATA));

        assertFalse(Sm2Signatures.verify(keyPair.getPublic(), "other".getBytes(StandardCharsets.UTF_8), raw));
    }

    @Test
    void garbageSignatureBytesGiveFalseWithoutException() {
        byte[] valid = Sm2Signatures.sign(keyPair.getPrivate(), DATA);
        Random random = new Random(1);
        byte[] random64 = new byte[64];
        random.nextBytes(random64);
        byte[] random72 = new byte[72];
        random.nextBytes(random72);
        byte[] derPrefixedJunk = new byte[64];
        random.nextBytes(derPrefixedJunk);
        derPrefixedJunk[0] = 0x30;
        derPrefixedJunk[1] = 0x3e;

        List<byte[]> garbage = List.of(
                new byte[0],
                new byte[] {0x30},
                new byte[] {0x30, 0x00},
                new byte[64],
                random64,
                random72,
                derPrefixedJunk,
                Arrays.copyOf(valid, valid.length - 1),
                Arrays.copyOf(valid, valid.length + 3),
                "not a signature".getBytes(StandardCharsets.UTF_8));

        for (byte[] signature : garbage) {
            assertDoesNotThrow(() -> assertFalse(Sm2Signatures.verify(keyPair.getPublic(), DATA, signature)));
            assertDoesNotThrow(() -> assertFalse(
                    Sm2Signatures.verify(keyPair.getPublic(), new ByteArrayInputStream(DATA), signature)));
        }
        assertFalse(Sm2Signatures.verify(keyPair.getPublic(), DATA, null));
    }

    @Test
    void nonSm2KeyIsAProgrammingErrorNotAFailedVerification() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        byte[] signature = Sm2Signatures.sign(keyPair.getPrivate(), DATA);

        assertThrows(IllegalArgumentException.class,
                () -> Sm2Signatures.verify(rsa.generateKeyPair().getPublic(), DATA, signature));
    }

    @Test
    void streamingSignAndVerifyAgreeWithOneShot() throws Exception {
        byte[] data = new byte[2 * 1024 * 1024 + 5];
        new Random(3).nextBytes(data);

        byte[] streamedSignature = Sm2Signatures.sign(keyPair.getPrivate(), new ByteArrayInputStream(data));
        byte[] oneShotSignature = Sm2Signatures.sign(keyPair.getPrivate(), data);

        assertTrue(Sm2Signatures.verify(keyPair.getPublic(), data, streamedSignature));
        assertTrue(Sm2Signatures.verify(keyPair.getPublic(), new ByteArrayInputStream(data), oneShotSignature));
        data[data.length - 1] ^= 1;
        assertFalse(Sm2Signatures.verify(keyPair.getPublic(), new ByteArrayInputStream(data), oneShotSignature));
    }

    /** Independent of the production code: DER SEQUENCE{r,s} to fixed-width 32-byte r || s. */
    private static byte[] derToRaw(byte[] der) {
        ASN1Sequence sequence = ASN1Sequence.getInstance(der);
        byte[] raw = new byte[64];
        copyFixedWidth(ASN1Integer.getInstance(sequence.getObjectAt(0)).getPositiveValue(), raw, 0);
        copyFixedWidth(ASN1Integer.getInstance(sequence.getObjectAt(1)).getPositiveValue(), raw, 32);
        return raw;
    }

    private static void copyFixedWidth(BigInteger value, byte[] target, int offset) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 32 ? bytes.length - 32 : 0; // drop a sign byte
        int length = bytes.length - start;
        System.arraycopy(bytes, start, target, offset + 32 - length, length);
    }
}
