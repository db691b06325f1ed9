package org.govhub.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;

import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/** Signature example of GM/T 0003.5-2012 (GB/T 32918.5) Annex A: recommended curve, ID 1234567812345678. */
class Sm2StandardVectorTest {

    private static final ECNamedCurveParameterSpec SM2P256V1 = ECNamedCurveTable.getParameterSpec("sm2p256v1");

    private static final BigInteger PRIVATE_KEY = hex("3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8");
    private static final BigInteger PUBLIC_X = hex("09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020");
    private static final BigInteger PUBLIC_Y = hex("CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13");
    private static final String R = "F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3";
    private static final String S = "B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA";
    private static final byte[] MESSAGE = "message digest".getBytes(StandardCharsets.US_ASCII);

    @Test
    void publishedPublicKeyBelongsToPublishedPrivateKey() {
        ECPoint derived = SM2P256V1.getG().multiply(PRIVATE_KEY).normalize();

        assertEquals(PUBLIC_X, derived.getAffineXCoord().toBigInteger());
        assertEquals(PUBLIC_Y, derived.getAffineYCoord().toBigInteger());
    }

    @Test
    void publishedSignatureVerifiesWithPublishedPublicKey() throws Exception {
        byte[] rawSignature = org.bouncycastle.util.encoders.Hex.decode(R + S);

        assertTrue(Sm2Signatures.verify(publicKey(), MESSAGE, rawSignature));
        assertTrue(Sm2Signatures.verify(publicKey(), MESSAGE, Sm2Signatures.rawToDer(rawSignature)));
    }

    @Test
    void publishedSignatureDoesNotVerifyAnotherMessage() throws Exception {
        byte[] rawSignature = org.bouncycastle.util.encoders.Hex.decode(R + S);

        assertFalse(Sm2Signatures.verify(publicKey(), "message digesT".getBytes(StandardCharsets.US_ASCII),
                rawSignature));
    }

    private static PublicKey publicKey() throws Exception {
        ECPoint point = SM2P256V1.getCurve().createPoint(PUBLIC_X, PUBLIC_Y);
        return KeyFactory.getInstance("EC", new BouncyCastleProvider())
                .generatePublic(new ECPublicKeySpec(point, SM2P256V1));
    }

    private static BigInteger hex(String value) {
        return new BigInteger(value, 16);
    }
}
