package io.vigil.engine.conformance;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * BR-07: interior wildcards with contains/startswith/endswith, and {@code ?} (rustinel issue 180,
 * sigma-specification issue 9). contains stays unanchored with an interior {@code *}; {@code ?} is
 * exactly one character.
 */
class Br07InteriorWildcardsTest {
    private static ConformanceCase brCase;

    @BeforeAll
    static void loadCase() {
        brCase = ConformanceCase.load("BR-07");
    }

    @TestFactory
    Stream<DynamicNode> followsTheTruthTable() {
        return brCase.truthTable();
    }
}
