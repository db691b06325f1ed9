package org.govhub.catalog;

/**
 * A statutory (法定期限) or promised (承诺期限) time limit, always with its unit stated:
 * {@code {"value": 20, "unit": "working-days"}}. Zero means handled on the spot (即办).
 */
public record TimeLimit(Integer value, TimeLimitUnit unit) {

    @Override
    public String toString() {
        return value + " " + (unit == null ? "" : unit.wireName());
    }
}
