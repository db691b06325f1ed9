package org.govhub.catalog;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kinds of administrative penalty (Administrative Penalty Law, art. 9), by wire name. Only
 * {@link #FINE} and {@link #CONFISCATION} carry amounts in a discretion baseline.
 */
public enum PenaltyKind implements WireNamed {
    WARNING("warning", "警告"),
    PUBLIC_CRITICISM("public-criticism", "通报批评"),
    FINE("fine", "罚款"),
    CONFISCATION("confiscation", "没收违法所得、没收非法财物"),
    LICENCE_SUSPENSION("licence-suspension", "暂扣许可证件"),
    QUALIFICATION_DOWNGRADE("qualification-downgrade", "降低资质等级"),
    LICENCE_REVOCATION("licence-revocation", "吊销许可证件"),
    BUSINESS_RESTRICTION("business-restriction", "限制开展生产经营活动"),
    SUSPENSION("suspension", "责令停产停业"),
    CLOSURE("closure", "责令关闭"),
    EMPLOYMENT_RESTRICTION("employment-restriction", "限制从业"),
    DETENTION("detention", "行政拘留"),
    OTHER("other", "法律、行政法规规定的其他行政处罚");

    static final String ALL = Arrays.stream(values()).map(PenaltyKind::wireName).collect(Collectors.joining(", "));

    private final String wireName;
    private final String chineseName;

    PenaltyKind(String wireName, String chineseName) {
        this.wireName = wireName;
        this.chineseName = chineseName;
    }

    public static Optional<PenaltyKind> find(String wireName) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(wireName)).findFirst();
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public String chineseName() {
        return chineseName;
    }

    public boolean carriesAmount() {
        return this == FINE || this == CONFISCATION;
    }
}
