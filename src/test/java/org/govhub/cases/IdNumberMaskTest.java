package org.govhub.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IdNumberMaskTest {
    @Test
    void residentIdKeepsFirstAndLastFour() {
        assertEquals("3303**********1234", IdNumberMask.mask("330303199001011234"));
    }

    @Test
    void creditCodeKeepsFirstAndLastFour() {
        assertEquals("9133**********7X1Q", IdNumberMask.mask("91330303MA2ABC7X1Q"));
    }

    @Test
    void shortNumbersKeepOnlyTheirLastTwo() {
        assertEquals("******78", IdNumberMask.mask("12345678"));
    }

    @Test
    void numbersWithChineseCharactersAreMaskedByCharacter() {
        assertEquals("军字第1****567号", IdNumberMask.mask("军字第12345567号"));
    }
}
