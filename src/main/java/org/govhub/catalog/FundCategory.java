package org.govhub.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The two kinds of special fund the fund list separates (seed 002): 部门预算专项 and 转移支付专项. */
public enum FundCategory implements WireNamed {
    DEPARTMENT_BUDGET("department-budget", "部门预算专项"),
    TRANSFER_PAYMENT("transfer-payment", "转移支付专项");

    private final String wireName;
    private final String chineseName;

    FundCategory(String wireName, String chineseName) {
        this.wireName = wireName;
        this.chineseName = chineseName;
    }

    @JsonCreator
    public static FundCategory parse(String text) {
        return WireNamed.parse(FundCategory.class, "category", "fund category", text);
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    public String chineseName() {
        return chineseName;
    }
}
