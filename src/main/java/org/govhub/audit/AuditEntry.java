package org.govhub.audit;

/**
 * What happened, to be written into the trail: an operation on a resource, its outcome, the
 * purpose the caller stated (X-Purpose) and, where personal data was involved, the ID number
 * (stored only as a salted digest).
 */
public record AuditEntry(String operation, String resourceType, String resourceId, String outcome,
        String purpose, String requestSm3, String personalId) {

    public static AuditEntry of(String operation, String resourceType, String resourceId, String outcome) {
        return new AuditEntry(operation, resourceType, resourceId, outcome, null, null, null);
    }

    public AuditEntry withPurpose(String statedPurpose) {
        return new AuditEntry(operation, resourceType, resourceId, outcome, statedPurpose, requestSm3, personalId);
    }

    public AuditEntry withRequestSm3(String digest) {
        return new AuditEntry(operation, resourceType, resourceId, outcome, purpose, digest, personalId);
    }

    public AuditEntry withPersonalId(String idNumber) {
        return new AuditEntry(operation, resourceType, resourceId, outcome, purpose, requestSm3, idNumber);
    }
}
