package org.govhub.licences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.govhub.common.problem.ProblemException;
import org.govhub.common.problem.ProblemType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTest {

    @ParameterizedTest
    @CsvSource({
            "'bytes=0-99', 0, 99",
            "'bytes=100-199', 100, 199",
            "'bytes=990-', 990, 999",
            "'bytes=990-5000', 990, 999",
            "'bytes=-10', 990, 999",
            "'bytes=-5000', 0, 999",
            "'bytes=999-999', 999, 999"})
    void wellFormedRangeInsideTheFileIsServed(String header, long first, long last) {
        ByteRange range = ByteRange.parse(header, 1000).orElseThrow();
        assertEquals(first, range.first());
        assertEquals(last, range.last());
        assertEquals("bytes " + first + "-" + last + "/1000", range.contentRange());
        assertEquals(last - first + 1, range.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=1000-", "bytes=1000-2000", "bytes=-0"})
    void rangeWhollyPastTheEndIsUnsatisfiable(String header) {
        ProblemException e = assertThrows(ProblemException.class, () -> ByteRange.parse(header, 1000));
        assertEquals(ProblemType.RANGE_NOT_SATISFIABLE, e.type());
        assertEquals("bytes */1000", e.headers().get("Content-Range"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-1,5-6", "items=0-5", "bytes=5-1", "bytes=-", "bytes=a-b", "0-5",
            "bytes=99999999999999999999-"})
    void anythingButOneWellFormedByteRangeIsIgnored(String header) {
        assertTrue(ByteRange.parse(header, 1000).isEmpty());
    }
}
