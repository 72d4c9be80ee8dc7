package io.vigil.engine.conformance;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * BR-05: case-insensitive endswith/startswith inside negated filters, and {@code |cased}
 * (sigma-go issue 23, SigmaHQ/sigma PR 673, hayabusa issue 633, tenzir PR 2974). No match for
 * system-directory binaries in any casing; a match for {@code C:\Users\Public\NET.EXE};
 * {@code |cased} honours case. Surefire runs with a Turkish default locale, so a fold through
 * {@code toLowerCase()} without {@code Locale.ROOT} would also show here.
 */
class Br05CaseInsensitiveFiltersTest {
    private static ConformanceCase brCase;

    @BeforeAll
    static void loadCase() {
        brCase = ConformanceCase.load("BR-05");
    }

    @TestFactory
    Stream<DynamicNode> followsTheTruthTable() {
        return brCase.truthTable();
    }
}
