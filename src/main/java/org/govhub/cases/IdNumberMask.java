package org.govhub.cases;

/**
 * Masks a personal ID number for readers who may not see it whole: the first and last four
 * characters stay, everything between becomes {@code *}, so 330303199001011234 reads
 * {@code 3303**********1234}. Numbers of eight characters or fewer keep only their last two.
 */
public final class IdNumberMask {

    private IdNumberMask() {
    }

    public static String mask(String idNumber) {
        if (idNumber == null) {
            return null;
        }
        int[] cps = idNumber.codePoints().toArray();
        int keepHead = cps.length > 8 ? 4 : 0;
        int keepTail = cps.length > 8 ? 4 : Math.min(2, cps.length / 2);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cps.length; i++) {
            if (i < keepHead || i >= cps.length - keepTail) {
                out.appendCodePoint(cps[i]);
            } else {
                out.append('*');
            }
        }
        return out.toString();
    }
}
