package org.govhub.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a change request does (seed 000 §二(二)2: 新增、变更、下放、拆分、合并、取消). */
public enum ChangeKind implements WireNamed {
    /** New items (one or many: an import is an add). */
    ADD("add"),
    /** A new version of one effective item (or list entry), same code. */
    CHANGE("change"),
    /** 下放: one item moves to a new code of a lower-tier subject. */
    DELEGATE("delegate"),
    /** 拆分: one item is replaced by several new ones. */
    SPLIT("split"),
    /** 合并: several items are replaced by one new one. */
    MERGE("merge"),
    /** 取消: one item (or list entry) ends. */
    CANCEL("cancel");

    private final String wireName;

    ChangeKind(String wireName) {
        this.wireName = wireName;
    }

    @JsonCreator
    public static ChangeKind parse(String text) {
        return WireNamed.parse(ChangeKind.class, "kind", "kind", text);
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }
}
