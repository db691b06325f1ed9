package org.govhub.signing;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.govhub.common.problem.FieldError;
import org.govhub.common.problem.ProblemException;

/**
 * Verifies an SM2 signature for a partner: over base64 data, with a certificate or public key in
 * PEM (or this node's own certificate when none is given).
 */
@ApplicationScoped
public class SignatureCheck {
    private final SigningService signing;

    public SignatureCheck(SigningService signing) {
        this.signing = signing;
    }

    public Outcome run(Request request) {
        if (request == null) {
            throw ProblemException.badRequest("a JSON body is required");
        }
        List<FieldError> errors = new ArrayList<>();
        byte[] data = decode(request.data(), "data", errors);
        byte[] signature = decode(request.signature(), "signature", errors);
        String pem = request.certificate() == null || request.certificate().isBlank() ? null : request.certificate();
        java.security.PublicKey key = null;
        if (pem != null) {
            try {
                key = SigningService.publicKeyOf(pem);
            } catch (RuntimeException e) {
                errors.add(new FieldError("certificate", "not a PEM SM2 certificate or public key"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        boolean valid = key == null ? signing.verifyOwn(data, signature) : Sm2Signatures.verify(key, data, signature);
        return new Outcome(valid, "SM3withSM2", Sm3.hex(Sm3.digest(data)));
    }

    private static byte[] decode(String base64, String field, List<FieldError> errors) {
        if (base64 == null || base64.isEmpty()) {
            errors.add(new FieldError(field, "is required (base64)"));
            return null;
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "is not valid base64"));
            return null;
        }
    }

    public record Request(String data, String signature, String certificate) {
    }

    public record Outcome(boolean valid, String algorithm, String dataSm3) {
    }
}
