package org.govhub.signing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds a response whose body is canonical JSON and whose detached SM2 signature rides in headers. */
@ApplicationScoped
public class SignedJson {
    public static final String SIGNATURE_HEADER = "X-Signature";
    public static final String ALGORITHM_HEADER = "X-Signature-Algorithm";

    private final SigningService signing;

    public SignedJson(SigningService signing) {
        this.signing = signing;
    }

    public Response ok(Object value) {
        byte[] body = CanonicalJson.bytes(value);
        return stored(body, signing.signBase64(body));
    }

    /** Serves bytes that were signed earlier, with their stored signature. */
    public Response stored(byte[] body, String signatureBase64) {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .header(SIGNATURE_HEADER, signatureBase64)
                .header(ALGORITHM_HEADER, "SM3withSM2; id=1234567812345678; encoding=der")
                .build();
    }
}
