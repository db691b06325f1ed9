package org.govhub.licences;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.govhub.common.HubClock;
import org.govhub.common.HubConfig;
import org.govhub.signing.CanonicalJson;
import org.govhub.signing.SigningService;
import org.govhub.signing.Sm3;

/**
 * The hub's electronic seal on a licence (in the spirit of GB/T 38540): an SM2 signature over the
 * canonical JSON of a {@link SealRecord} that binds the licence id, the SM3 of its canonical metadata
 * and the SM3 and size of its file. docs/licence-seal.md gives the exact bytes and the openssl check.
 */
@ApplicationScoped
public class LicenceSealer {
    public static final String FORMAT = "govhub-licence-seal/1";
    public static final String ALGORITHM = "SM3withSM2; id=1234567812345678; encoding=der";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SigningService signing;
    private final HubClock clock;
    private final String sealer;
    private final String certificateSm3;

    public LicenceSealer(SigningService signing, HubClock clock, HubConfig config) throws CertificateEncodingException {
        this.signing = signing;
        this.clock = clock;
        this.sealer = config.nodeId();
        this.certificateSm3 = Sm3.hex(Sm3.digest(signing.certificate().getEncoded()));
    }

    /** What the seal says. Its canonical JSON (keys sorted, no whitespace, UTF-8) is the signed payload. */
    public record SealRecord(String format, String licenceId, String metadataSm3, String fileSm3, long fileSize,
            String sealedAt, String sealer) {
    }

    /** A seal as stored: the exact payload text and the base64 DER signature over its UTF-8 bytes. */
    public record Sealed(String payload, String signature) {
    }

    /** A seal as served: the record, the payload bytes (base64) and the signature, ready for openssl. */
    public record Seal(SealRecord record, String payload, String signature, String algorithm, String certificateSm3,
            String certificateUrl) {
    }

    public Sealed seal(LicenceId id, String metadataSm3, String fileSm3, long fileSize) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        SealRecord record = new SealRecord(FORMAT, id.toString(), metadataSm3, fileSm3, fileSize, now.toString(), sealer);
        byte[] payload = CanonicalJson.bytes(record);
        return new Sealed(new String(payload, StandardCharsets.UTF_8), signing.signBase64(payload));
    }

    public Seal view(Licence licence) {
        byte[] payload = licence.sealPayload.getBytes(StandardCharsets.UTF_8);
        return new Seal(record(licence), Base64.getEncoder().encodeToString(payload), licence.sealSignature, ALGORITHM,
                certificateSm3, "/api/v1/signing/certificate");
    }

    /**
     * True when the stored seal was made by this hub and still matches the row: the signature verifies
     * over the payload and the payload names this row's id, metadata digest, file digest and size.
     * False means the row was altered after it was sealed.
     */
    public boolean matches(Licence licence) {
        try {
            byte[] payload = licence.sealPayload.getBytes(StandardCharsets.UTF_8);
            if (!signing.verifyOwn(payload, Base64.getDecoder().decode(licence.sealSignature))) {
                return false;
            }
            SealRecord record = record(licence);
            String metadataSm3 = Sm3.hex(Sm3.digest(licence.metadata.getBytes(StandardCharsets.UTF_8)));
            return FORMAT.equals(record.format()) && licence.licenceId.equals(record.licenceId())
                    && metadataSm3.equals(record.metadataSm3()) && metadataSm3.equals(licence.metadataSm3)
                    && licence.fileSm3.equals(record.fileSm3()) && licence.fileSize == record.fileSize();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static SealRecord record(Licence licence) {
        try {
            return JSON.readValue(licence.sealPayload, SealRecord.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored seal of " + licence.licenceId + " is not a seal record", e);
        }
    }
}
