package io.vigil.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * BR-15: command-line shape: full paths, quoted executables, NET.EXE vs net1 with a double blank
 * (SigmaHQ/sigma issue 5171). The robust rule matches every path, quote and case variant; the
 * engine does not normalise whitespace.
 */
class Br15CommandLineShapeTest {
    private static ConformanceCase brCase;

    @BeforeAll
    static void loadCase() {
        brCase = ConformanceCase.load("BR-15");
    }

    @TestFactory
    Stream<DynamicNode> followsTheTruthTable() {
        return brCase.truthTable();
    }

    @Test
    void keepsTheDoubleBlankOfNet1() {
        assertThat(brCase.event(4).get("CommandLine")).isEqualTo("C:\\Windows\\system32\\net1  session");
    }
}
