package org.govhub.ferry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.govhub.signing.CanonicalJson;

/**
 * What travels back through the return gap: a signed receipt or a resend request, one file each,
 * {@code <messageId>.receipt.zip} or {@code <messageId>.resend.zip}, holding {@code message.json}
 * (canonical JSON) and {@code message.sig} (SM2 over those bytes) — the bundle container and its
 * defensive reader, reused.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReturnMessage(String format, Kind kind, String messageId, String sourceNode, Instant createdAt,
        String signerCertificateSm3, Receipt receipt, ResendRequest resend) {

    public static final String FORMAT = "govhub-ferry-return/1";
    public static final String FILE = "message.json";
    public static final String SIGNATURE_FILE = "message.sig";
    private static final Pattern FILE_NAME = Pattern.compile("[0-9a-f-]{36}\\.(receipt|resend)\\.zip");
    private static final long MAX_MESSAGE_BYTES = 32L * 1024 * 1024;
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public enum Kind {
        receipt, resend;
    }

    /** True when the name has the shape of a return message file ({@code <uuid>.receipt.zip}, {@code <uuid>.resend.zip}). */
    public static boolean isFileName(String name) {
        return name != null && FILE_NAME.matcher(name).matches();
    }

    public String fileName() {
        return messageId + "." + kind.name() + ".zip";
    }

    public byte[] bytes() {
        return CanonicalJson.bytes(this);
    }

    public static byte[] container(byte[] messageBytes, byte[] signature) {
        return SafeZip.write(List.of(new SafeZip.Named(FILE, messageBytes), new SafeZip.Named(SIGNATURE_FILE, signature)));
    }

    /** Reads and verifies a return message file against the trusted peer. */
    public static ReturnMessage read(Path file, TrustedKey trusted) throws BundleRejectedException {
        String name = file.getFileName().toString();
        if (!FILE_NAME.matcher(name).matches()) {
            throw Rejection.BAD_FILE_NAME.because("file name " + SafeZip.printable(name)
                    + " is not <uuid>.receipt.zip or <uuid>.resend.zip");
        }
        if (SafeZip.fileSize(file) > MAX_MESSAGE_BYTES) {
            throw Rejection.BUNDLE_TOO_LARGE.because("return message larger than " + MAX_MESSAGE_BYTES + " bytes");
        }
        byte[] bytes;
        byte[] signature;
        try (SafeZip zip = SafeZip.open(file, 2)) {
            if (!zip.has(FILE)) {
                throw Rejection.MISSING_MANIFEST.because("the message has no " + FILE);
            }
            if (!zip.has(SIGNATURE_FILE)) {
                throw Rejection.MISSING_SIGNATURE.because("the message has no " + SIGNATURE_FILE);
            }
            bytes = zip.read(FILE, MAX_MESSAGE_BYTES, Rejection.BUNDLE_TOO_LARGE);
            signature = zip.read(SIGNATURE_FILE, BundleLimits.MAX_SIGNATURE_BYTES, Rejection.BAD_SIGNATURE);
        }
        BundleVerifier.checkSignature(bytes, signature, trusted, FILE);
        ReturnMessage message;
        try {
            message = STRICT.readValue(bytes, ReturnMessage.class);
        } catch (java.io.IOException | RuntimeException e) {
            throw Rejection.BAD_MESSAGE.because("message.json is not a valid return message: "
                    + BundleManifest.firstLine(e.getMessage()));
        }
        if (!FORMAT.equals(message.format()) || message.kind() == null || message.messageId() == null
                || (message.kind() == Kind.receipt) != (message.receipt() != null)
                || (message.kind() == Kind.resend) != (message.resend() != null)) {
            throw Rejection.BAD_MESSAGE.because("message.json lacks its format, kind, id or body");
        }
        if (!name.equals(message.fileName())) {
            throw Rejection.NAME_MISMATCH.because("file " + name + " holds message " + message.fileName());
        }
        return message;
    }
}
