package org.govhub.licences;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.govhub.common.problem.ProblemException;
import org.govhub.common.problem.ProblemType;

/**
 * One byte range of a file (RFC 9110 §14): {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n}.
 * A header that is not a single well-formed byte range is ignored (the whole file is served), as
 * RFC 9110 allows; a well-formed range that lies wholly past the end is unsatisfiable (416).
 */
public record ByteRange(long first, long last, long total) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    public long length() {
        return last - first + 1;
    }

    /** The {@code Content-Range} value of a 206 answer. */
    public String contentRange() {
        return "bytes " + first + "-" + last + "/" + total;
    }

    public static Optional<ByteRange> parse(String header, long total) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.replace(" ", ""));
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0) {
                    throw unsatisfiable(header, total);
                }
                return Optional.of(new ByteRange(Math.max(0, total - suffix), total - 1, total));
            }
            long first = Long.parseLong(m.group(1));
            boolean open = m.group(2).isEmpty();
            long last = open ? Long.MAX_VALUE : Long.parseLong(m.group(2));
            if (last < first) {
                return Optional.empty();
            }
            if (first >= total) {
                throw unsatisfiable(header, total);
            }
            return Optional.of(new ByteRange(first, Math.min(last, total - 1), total));
        } catch (NumberFormatException e) {
            return Optional.empty(); // more digits than a long holds: not a range we can serve
        }
    }

    private static ProblemException unsatisfiable(String header, long total) {
        return new ProblemException(ProblemType.RANGE_NOT_SATISFIABLE, "range " + header
                + " lies outside the file, which has " + total + " bytes")
                .withHeader("Content-Range", "bytes */" + total);
    }
}
