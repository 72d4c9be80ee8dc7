package io.vigil.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.compiler.predicate.FieldPredicate;
import io.vigil.compiler.predicate.ValueMatcherSpec;
import io.vigil.compiler.predicate.ValueMatcherSpec.Wildcard;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * BR-01: wildcard and backslash escaping (SigmaHQ/sigma issue 2339, PR 1683). The literal-star
 * selection matches only the literal {@code \\*\IPC$} text.
 */
class Br01WildcardEscapingTest {
    private static ConformanceCase brCase;

    @BeforeAll
    static void loadCase() {
        brCase = ConformanceCase.load("BR-01");
    }

    @TestFactory
    Stream<DynamicNode> followsTheTruthTable() {
        return brCase.truthTable();
    }

    /** The case note gives the parsed form of each escaped value; the glob must compile to it. */
    @Test
    void parsesEscapesAsTheCaseNoteSays() {
        // sel_wild_unc = `\\` + WILDCARD + `\IPC$`
        assertThat(onlyLeaf("sel_wild_unc").matcher())
                .isEqualTo(new Wildcard(List.of(Wildcard.STAR, "\\\\", Wildcard.STAR, "\\IPC$", Wildcard.STAR), false));
        // sel_literal_star = literal `\\*\IPC$`
        assertThat(onlyLeaf("sel_literal_star").matcher()).isEqualTo(new ValueMatcherSpec.Contains("\\\\*\\IPC$", false));
        // sel_single_escape = `\` + WILDCARD + `\IPC$`
        assertThat(onlyLeaf("sel_single_escape").matcher())
                .isEqualTo(new Wildcard(List.of(Wildcard.STAR, "\\", Wildcard.STAR, "\\IPC$", Wildcard.STAR), false));
        // sel_bs_literal_star = literal `\*\IPC$`
        assertThat(onlyLeaf("sel_bs_literal_star").matcher()).isEqualTo(new ValueMatcherSpec.Contains("\\*\\IPC$", false));
        // `\\net.exe` is the literal `\net.exe`, the same suffix as the plain `\net.exe`
        assertThat(onlyLeaf("sel_doubled_plain_backslash").matcher())
                .isEqualTo(onlyLeaf("sel_plain_backslash").matcher())
                .isEqualTo(new ValueMatcherSpec.Suffix("\\net.exe", false));
    }

    private static FieldPredicate onlyLeaf(String selection) {
        List<FieldPredicate> leaves = ConformanceCase.leaves(brCase.rule(selection).predicate());
        assertThat(leaves).as(selection).hasSize(1);
        return leaves.get(0);
    }
}
