package org.govhub.licences;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.govhub.common.InvalidValueException;
import org.govhub.common.RegionCode;
import org.govhub.common.problem.FieldError;
import org.govhub.common.problem.ProblemException;

/**
 * The descriptive metadata of a licence, named after the GB/T 36903 elements (Chinese names in the
 * contract). Its canonical JSON ({@link org.govhub.signing.CanonicalJson}) is what the seal's
 * {@code metadataSm3} covers, so the record is normalised once ({@link #validated()}) and stored as is.
 *
 * @param id                证照标识, a GB/T 36904 {@link LicenceId}
 * @param licenceName       证照名称
 * @param typeName          证照类型名称
 * @param typeCode          证照类型代码, equal to the id's type code
 * @param licenceNumber     证照编号, the number printed on the licence
 * @param holderName        持证主体
 * @param holderIdType      持证主体代码类型, e.g. 居民身份证 or 统一社会信用代码
 * @param holderIdNumber    持证主体代码, upper-cased
 * @param issuerName        证照颁发机构
 * @param issuerCode        证照颁发机构代码 (unified social credit code), equal to the id's issuer code
 * @param issueDate         证照颁发日期
 * @param validFrom         证照有效期起始日期
 * @param validTo           证照有效期截止日期, inclusive; absent when long-term
 * @param longTerm          长期有效
 * @param regionCode        行政区划代码 of the issuing region; region binding applies to it
 * @param relatedLicenceIds 关联证照标识
 */
public record LicenceMetadata(String id, String licenceName, String typeName, String typeCode, String licenceNumber,
        String holderName, String holderIdType, String holderIdNumber, String issuerName, String issuerCode,
        LocalDate issueDate, LocalDate validFrom, LocalDate validTo, Boolean longTerm, String regionCode,
        List<String> relatedLicenceIds) {

    static final int MAX_RELATED = 50;

    /** This record normalised (trimmed text, upper-case ID number, explicit longTerm), or a 400 naming every bad field. */
    public LicenceMetadata validated() {
        List<FieldError> errors = new ArrayList<>();
        LicenceId licenceId = null;
        try {
            licenceId = LicenceId.parse(id);
        } catch (InvalidValueException e) {
            errors.add(new FieldError("id", e.getMessage()));
        }
        String name = text(errors, "licenceName", licenceName, 200);
        String type = text(errors, "typeName", typeName, 200);
        String typeCodeText = text(errors, "typeCode", typeCode, 64);
        String number = text(errors, "licenceNumber", licenceNumber, 100);
        String holder = text(errors, "holderName", holderName, 200);
        String idType = text(errors, "holderIdType", holderIdType, 50);
        String idNumber = text(errors, "holderIdNumber", holderIdNumber, 64);
        String issuer = text(errors, "issuerName", issuerName, 200);
        String issuerCodeText = text(errors, "issuerCode", issuerCode, 18);
        if (licenceId != null && typeCodeText != null && !typeCodeText.equals(licenceId.typeCode())) {
            errors.add(new FieldError("typeCode", "is " + typeCodeText + " but the licence id carries type code "
                    + licenceId.typeCode()));
        }
        if (licenceId != null && issuerCodeText != null && !issuerCodeText.equals(licenceId.issuerCode())) {
            errors.add(new FieldError("issuerCode", "is " + issuerCodeText + " but the licence id carries issuer code "
                    + licenceId.issuerCode()));
        }
        if (issueDate == null) {
            errors.add(new FieldError("issueDate", "is required (YYYY-MM-DD)"));
        }
        if (validFrom == null) {
            errors.add(new FieldError("validFrom", "is required (YYYY-MM-DD)"));
        }
        boolean isLongTerm = Boolean.TRUE.equals(longTerm);
        if (isLongTerm && validTo != null) {
            errors.add(new FieldError("validTo", "must be absent for a long-term licence (longTerm true)"));
        } else if (!isLongTerm && validTo == null) {
            errors.add(new FieldError("validTo", "is required unless longTerm is true"));
        } else if (validTo != null && validFrom != null && validTo.isBefore(validFrom)) {
            errors.add(new FieldError("validTo", "is before validFrom " + validFrom));
        }
        String region = null;
        try {
            region = RegionCode.parse(regionCode).value();
        } catch (InvalidValueException e) {
            errors.add(new FieldError("regionCode", e.getMessage()));
        }
        List<String> related = new ArrayList<>();
        if (relatedLicenceIds != null) {
            if (relatedLicenceIds.size() > MAX_RELATED) {
                errors.add(new FieldError("relatedLicenceIds", "at most " + MAX_RELATED + " related licences"));
            }
            for (int i = 0; i < relatedLicenceIds.size() && i < MAX_RELATED; i++) {
                try {
                    String relatedId = LicenceId.parse(relatedLicenceIds.get(i)).toString();
                    if (relatedId.equals(id)) {
                        errors.add(new FieldError("relatedLicenceIds[" + i + "]", "a licence cannot relate to itself"));
                    }
                    related.add(relatedId);
                } catch (InvalidValueException e) {
                    errors.add(new FieldError("relatedLicenceIds[" + i + "]", e.getMessage()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return new LicenceMetadata(licenceId.toString(), name, type, typeCodeText, number, holder, idType,
                idNumber.toUpperCase(Locale.ROOT), issuer, issuerCodeText, issueDate, validFrom, validTo, isLongTerm,
                region, List.copyOf(related));
    }

    public LicenceId licenceId() {
        return LicenceId.parse(id);
    }

    /** Required text, trimmed, at most {@code max} characters, without control characters. */
    private static String text(List<FieldError> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > max) {
            errors.add(new FieldError(field, "has " + trimmed.length() + " characters; at most " + max));
            return null;
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                errors.add(new FieldError(field, String.format("contains control character U+%04X at position %d",
                        (int) c, i + 1)));
                return null;
            }
        }
        return trimmed;
    }
}
