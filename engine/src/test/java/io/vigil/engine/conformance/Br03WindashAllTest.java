package io.vigil.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.compiler.predicate.And;
import io.vigil.compiler.predicate.FieldPredicate;
import io.vigil.compiler.predicate.Or;
import io.vigil.compiler.predicate.Predicate;
import io.vigil.compiler.predicate.ValueMatcherSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * BR-03: {@code |windash} combined with {@code |all} (SigmaHQ/pySigma issue 395). Matches the
 * slash, mixed and Unicode-dash forms; no match when a flag is missing. Rejecting the combination
 * at load time is not acceptable.
 */
class Br03WindashAllTest {
    private static ConformanceCase brCase;

    @BeforeAll
    static void loadCase() {
        brCase = ConformanceCase.load("BR-03");
    }

    @TestFactory
    Stream<DynamicNode> followsTheTruthTable() {
        return brCase.truthTable();
    }

    /** expected.semantics: AND(OR(variants(' -a')), OR(variants(' -n')), OR(variants(' -o'))). */
    @Test
    void combinesAsAnAndOfDashVariantOrs() {
        Predicate predicate = brCase.rule("sel_flags").predicate();
        assertThat(predicate).isInstanceOf(And.class);
        List<Predicate> terms = ((And) predicate).terms();
        assertThat(terms).hasSize(3);
        List<String> flags = List.of(" -a", " -n", " -o");
        for (int i = 0; i < terms.size(); i++) {
            String flag = flags.get(i);
            assertThat(terms.get(i)).as("term for '" + flag + "'").isInstanceOf(Or.class);
            List<String> variants = new ArrayList<>();
            for (FieldPredicate leaf : ConformanceCase.leaves(terms.get(i))) {
                assertThat(leaf.matcher()).isInstanceOf(ValueMatcherSpec.Contains.class);
                variants.add(((ValueMatcherSpec.Contains) leaf.matcher()).value());
            }
            assertThat(variants).as("variants of '" + flag + "'").containsExactlyInAnyOrder(
                    flag, flag.replace('-', '/'), flag.replace('-', '\u2013'), flag.replace('-', '\u2014'),
                    flag.replace('-', '\u2015'));
        }
    }
}
