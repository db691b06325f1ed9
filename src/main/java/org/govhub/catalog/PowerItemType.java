package org.govhub.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.govhub.common.InvalidValueException;

/** The 14 power-item type codes of seed 000, 附件2 §二. The constant name is the code. */
public enum PowerItemType {
    XK("行政许可", "administrative licensing"),
    SP("非许可审批", "non-licence administrative approval"),
    CF("行政处罚", "administrative penalty"),
    QZ("行政强制", "administrative enforcement"),
    ZS("行政征收", "administrative levy"),
    GF("行政给付", "administrative benefit"),
    JL("行政奖励", "administrative reward"),
    QR("行政确认", "administrative confirmation"),
    ZY("行政征用", "administrative requisition"),
    CJ("行政裁决", "administrative adjudication"),
    JG("行政监管", "administrative supervision"),
    DL("代理", "agency"),
    FW("便民服务", "convenience service"),
    QT("其他", "other");

    private static final String ALL_CODES =
            Arrays.stream(values()).map(PowerItemType::code).collect(Collectors.joining(", "));

    private final String chineseName;
    private final String englishName;

    PowerItemType(String chineseName, String englishName) {
        this.chineseName = chineseName;
        this.englishName = englishName;
    }

    @JsonCreator
    public static PowerItemType parse(String code) {
        if (code == null || code.isEmpty()) {
            throw new InvalidValueException("type", "type code is missing; it must be one of " + ALL_CODES);
        }
        for (PowerItemType type : values()) {
            if (type.name().equals(code)) {
                return type;
            }
        }
        throw new InvalidValueException("type", "type code " + code + " is not one of " + ALL_CODES);
    }

    @JsonValue
    public String code() {
        return name();
    }

    public String chineseName() {
        return chineseName;
    }

    public String englishName() {
        return englishName;
    }
}
