package org.govhub.licences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.govhub.common.problem.FieldError;
import org.govhub.common.problem.ProblemException;
import org.govhub.signing.CanonicalJson;
import org.junit.jupiter.api.Test;

class LicenceMetadataTest {
    private static final String ID = "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U";

    private static LicenceMetadata metadata(LocalDate validTo, Boolean longTerm) {
        return new LicenceMetadata(ID, " 营业执照 ", "营业执照", "11100000000013338W011", "No. 1", "张三", "居民身份证",
                "33030319900101123x", "某市场监督管理局", "11430000006122244L", LocalDate.of(2023, 4, 3),
                LocalDate.of(2023, 4, 3), validTo, longTerm, "330303", null);
    }

    @Test
    void validationNormalisesTextIdNumberAndLongTerm() {
        LicenceMetadata normalised = metadata(LocalDate.of(2028, 4, 2), null).validated();
        assertEquals("营业执照", normalised.licenceName());
        assertEquals("33030319900101123X", normalised.holderIdNumber());
        assertEquals(Boolean.FALSE, normalised.longTerm());
        assertEquals(List.of(), normalised.relatedLicenceIds());
    }

    @Test
    void longTermLicenceHasNoValidTo() {
        assertEquals(Boolean.TRUE, metadata(null, true).validated().longTerm());
        assertEquals("validTo", errors(metadata(LocalDate.of(2030, 1, 1), true)).get(0).field());
        assertEquals("validTo", errors(metadata(null, false)).get(0).field());
    }

    @Test
    void validToBeforeValidFromIsRefused() {
        assertEquals("validTo", errors(metadata(LocalDate.of(2020, 1, 1), false)).get(0).field());
    }

    @Test
    void canonicalFormIsStableSortedCompactJson() {
        String json = new String(CanonicalJson.bytes(metadata(null, true).validated()), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("{\"holderIdNumber\":\"33030319900101123X\",\"holderIdType\":\"居民身份证\",\"holderName\":\"张三\","
                + "\"id\":\"" + ID + "\",\"issueDate\":\"2023-04-03\",\"issuerCode\":\"11430000006122244L\","
                + "\"issuerName\":\"某市场监督管理局\",\"licenceName\":\"营业执照\",\"licenceNumber\":\"No. 1\","
                + "\"longTerm\":true,\"regionCode\":\"330303\",\"relatedLicenceIds\":[],\"typeCode\":\"11100000000013338W011\","
                + "\"typeName\":\"营业执照\",\"validFrom\":\"2023-04-03\",\"validTo\":null}", json);
    }

    @Test
    void licenceExpiresAtTheStartOfTheDayAfterValidToInTheHubZone() {
        Instant expiry = LicenceLibrary.expiry(metadata(LocalDate.of(2028, 4, 2), false).validated(), ZoneId.of("Asia/Shanghai"));
        assertEquals(Instant.parse("2028-04-02T16:00:00Z"), expiry);
    }

    private static List<FieldError> errors(LicenceMetadata metadata) {
        return assertThrows(ProblemException.class, metadata::validated).errors();
    }
}
