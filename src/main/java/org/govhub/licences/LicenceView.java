package org.govhub.licences;

import java.time.Instant;

/** A licence as the API shows it: metadata, current status, the file's digest and the hub's seal. */
public record LicenceView(String id, LicenceStatus status, Instant statusSince, String statusReason,
        LicenceMetadata metadata, FileInfo file, Instant issuedAt, String issuedBy, LicenceSealer.Seal seal, int revision,
        @com.fasterxml.jackson.annotation.JsonRawValue String origin) {

    /** The stored file: size, SM3, detected content type and where to download it. */
    public record FileInfo(long size, String sm3, String contentType, String href) {
    }
}
