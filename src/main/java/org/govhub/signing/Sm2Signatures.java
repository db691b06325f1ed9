package org.govhub.signing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Arrays;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;

/**
 * SM3withSM2 signatures with the standard distinguishing ID {@value #DISTINGUISHING_ID}.
 * Signatures are produced as DER {@code SEQUENCE{r, s}}; verification also accepts the raw
 * 64-byte {@code r||s} form some partners send.
 */
public final class Sm2Signatures {

    /** GM/T 0009 default ID. openssl 3.0 defaults to an empty ID, so it must be passed there explicitly. */
    public static final String DISTINGUISHING_ID = "1234567812345678";

    private static final String ALGORITHM = "SM3withSM2";
    private static final int RAW_SIGNATURE_LENGTH = 64;
    private static final int BUFFER_SIZE = 64 * 1024;

    private Sm2Signatures() {
    }

    /**
     * The last initialised signer of each thread, with the key it was made for. Initialising derives
     * the public point and the ID digest Z, which costs as much as a signature; reset() after each
     * signature restores Z, so a kept signer spends one fixed-base multiplication per signature.
     * Keys are compared by identity: BC's EC private key hashCode() itself multiplies d·G.
     */
    private static final ThreadLocal<KeptSigner> SIGNERS = new ThreadLocal<>();

    private record KeptSigner(PrivateKey key, SM2Signer signer) {
    }

    private static SM2Signer keptSigner(PrivateKey key) {
        KeptSigner kept = SIGNERS.get();
        if (kept == null || kept.key() != key) {
            kept = new KeptSigner(key, initialisedSigner(key));
            SIGNERS.set(kept);
        }
        return kept.signer();
    }

    public static byte[] sign(PrivateKey key, byte[] data) {
        SM2Signer signer = keptSigner(key);
        signer.update(data, 0, data.length);
        try {
            return signer.generateSignature();
        } catch (CryptoException | RuntimeException e) {
            signer.reset();
            throw new IllegalStateException("SM2 signing failed", e);
        }
    }

    private static SM2Signer initialisedSigner(PrivateKey key) {
        try {
            SM2Signer signer = new SM2Signer();
            signer.init(true, new ParametersWithID(
                    new ParametersWithRandom(ECUtil.generatePrivateKeyParameter(key), new SecureRandom()),
                    DISTINGUISHING_ID.getBytes(StandardCharsets.US_ASCII)));
            return signer;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not an SM2 private key: " + key.getAlgorithm(), e);
        }
    }

    /** Signs the rest of {@code in} in constant memory; does not close it. */
    public static byte[] sign(PrivateKey key, InputStream in) throws IOException {
        try {
            Signature signer = signer(key);
            feed(signer, in);
            return signer.sign();
        } catch (SignatureException e) {
            throw new IllegalStateException("SM2 signing failed", e);
        }
    }

    /** False for a wrong or malformed signature; throws only for an unusable key. */
    public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        for (byte[] candidate : derCandidates(signature)) {
            Signature verifier = verifier(key);
            try {
                verifier.update(data);
                if (verifier.verify(candidate)) {
                    return true;
                }
            } catch (SignatureException | RuntimeException e) {
                // malformed signature encoding: treated as not verified
            }
        }
        return false;
    }

    /** Streaming variant of {@link #verify(PublicKey, byte[], byte[])}; does not close {@code in}. */
    public static boolean verify(PublicKey key, InputStream in, byte[] signature) throws IOException {
        byte[][] candidates = derCandidates(signature);
        if (candidates.length == 0) {
            return false;
        }
        // The stream can be read only once, so feed every candidate verifier in the same pass.
        Signature[] verifiers = new Signature[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            verifiers[i] = verifier(key);
        }
        byte[] buffer = new byte[BUFFER_SIZE];
        int n;
        try {
            while ((n = in.read(buffer)) != -1) {
                for (Signature verifier : verifiers) {
                    verifier.update(buffer, 0, n);
                }
            }
        } catch (SignatureException e) {
            throw new IllegalStateException("SM2 verifier not initialised", e);
        }
        for (int i = 0; i < candidates.length; i++) {
            try {
                if (verifiers[i].verify(candidates[i])) {
                    return true;
                }
            } catch (SignatureException | RuntimeException e) {
                // malformed signature encoding: treated as not verified
            }
        }
        return false;
    }

    /**
     * The DER encodings worth trying: the bytes themselves, plus, for a 64-byte value, its
     * reading as raw {@code r||s}. A 64-byte input can in rare cases also be valid DER, so both
     * are tried rather than guessing; both still need a valid signature over the data.
     */
    private static byte[][] derCandidates(byte[] signature) {
        if (signature == null || signature.length == 0) {
            return new byte[0][];
        }
        if (signature.length == RAW_SIGNATURE_LENGTH) {
            return new byte[][] {signature, rawToDer(signature)};
        }
        return new byte[][] {signature};
    }

    static byte[] rawToDer(byte[] raw) {
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(raw, 0, RAW_SIGNATURE_LENGTH / 2));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(raw, RAW_SIGNATURE_LENGTH / 2, RAW_SIGNATURE_LENGTH));
        try {
            return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)})
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of an in-memory sequence failed", e);
        }
    }

    private static void feed(Signature signature, InputStream in) throws IOException, SignatureException {
        byte[] buffer = new byte[BUFFER_SIZE];
        int n;
        while ((n = in.read(buffer)) != -1) {
            signature.update(buffer, 0, n);
        }
    }

    private static Signature signer(PrivateKey key) {
        try {
            Signature signature = newSignature();
            signature.initSign(key);
            return signature;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not a usable SM2 private key: " + e.getMessage(), e);
        }
    }

    private static Signature verifier(PublicKey key) {
        try {
            Signature signature = newSignature();
            signature.initVerify(key);
            return signature;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not a usable SM2 public key: " + e.getMessage(), e);
        }
    }

    private static Signature newSignature() {
        try {
            Signature signature = Signature.getInstance(ALGORITHM, BouncyCastle.PROVIDER);
            // Must be set before init: Bouncy Castle binds the ID into the signer at init time.
            signature.setParameter(new SM2ParameterSpec(DISTINGUISHING_ID.getBytes(StandardCharsets.US_ASCII)));
            return signature;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bouncy Castle does not provide " + ALGORITHM, e);
        }
    }
}
