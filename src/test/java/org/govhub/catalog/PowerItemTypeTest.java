package org.govhub.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.govhub.common.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PowerItemTypeTest {

    @ParameterizedTest
    @CsvSource({
            "XK, 行政许可", "SP, 非许可审批", "CF, 行政处罚", "QZ, 行政强制", "ZS, 行政征收",
            "GF, 行政给付", "JL, 行政奖励", "QR, 行政确认", "ZY, 行政征用", "CJ, 行政裁决",
            "JG, 行政监管", "DL, 代理", "FW, 便民服务", "QT, 其他"})
    void parsesEachOfTheFourteenCircularCodes(String code, String chineseName) {
        PowerItemType type = PowerItemType.parse(code);

        assertEquals(code, type.code());
        assertEquals(chineseName, type.chineseName());
    }

    @Test
    void thereAreExactlyFourteenTypes() {
        assertEquals(14, PowerItemType.values().length);
    }

    @Test
    void hasEnglishName() {
        assertEquals("administrative penalty", PowerItemType.CF.englishName());
    }

    @Test
    void rejectsUnknownCodeListingTheValidOnes() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> PowerItemType.parse("XX"));

        assertEquals("type code XX is not one of XK, SP, CF, QZ, ZS, GF, JL, QR, ZY, CJ, JG, DL, FW, QT",
                e.getMessage());
    }

    @Test
    void serialisesAsItsCode() throws Exception {
        ObjectMapper json = new ObjectMapper();

        assertEquals("\"CF\"", json.writeValueAsString(PowerItemType.CF));
        assertEquals(PowerItemType.CF, json.readValue("\"CF\"", PowerItemType.class));
    }
}
