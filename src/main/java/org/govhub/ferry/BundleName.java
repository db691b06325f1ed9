package org.govhub.ferry;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The file name of a bundle: {@code <lane>-<sequence, 12 digits>.zip}, e.g. {@code cases-000000000042.zip}. */
public record BundleName(Lane lane, long sequence) {
    public static final String EXTENSION = ".zip";
    public static final long MAX_SEQUENCE = 999_999_999_999L;
    private static final Pattern SHAPE = Pattern.compile("(.+)-([0-9]{12})\\.zip");

    public BundleName {
        if (sequence < 1 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException("sequence " + sequence + " is outside 1.." + MAX_SEQUENCE);
        }
    }

    public static Optional<BundleName> parse(String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        Matcher m = SHAPE.matcher(fileName);
        if (!m.matches() || !Lane.isValid(m.group(1))) {
            return Optional.empty();
        }
        long sequence = Long.parseLong(m.group(2));
        return sequence < 1 ? Optional.empty() : Optional.of(new BundleName(Lane.parse(m.group(1)), sequence));
    }

    public String fileName() {
        return String.format("%s-%012d%s", lane.name(), sequence, EXTENSION);
    }

    @Override
    public String toString() {
        return fileName();
    }
}
