package io.vigil.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.compiler.predicate.FieldPredicate;
import io.vigil.compiler.predicate.ValueMatcherSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * BR-02: {@code |windash} dash variants (SigmaHQ/pySigma PR 233, hayabusa issue 1392, SigmaHQ/sigma
 * issue 3749). Matches for {@code -}, {@code /}, U+2013, U+2014 and U+2015, not for U+2010; a mixed
 * {@code -a /n} matches the two-flag value; an inner dash is never expanded.
 */
class Br02WindashTest {
    private static ConformanceCase brCase;

    @BeforeAll
    static void loadCase() {
        brCase = ConformanceCase.load("BR-02");
    }

    @TestFactory
    Stream<DynamicNode> followsTheTruthTable() {
        return brCase.truthTable();
    }

    @Test
    void expandsFlagsToTheFiveDashCharacters() {
        List<String> expected = new ArrayList<>();
        for (JsonNode value : brCase.expected().get("expanded_values").get("sel_flags")) {
            expected.add(value.asText());
        }
        assertThat(containsValues("sel_flags")).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void expandsEachOfTwoFlagsOnItsOwn() {
        int expectedCount = brCase.expected().get("expanded_values").get("sel_two_flags_count").asInt();
        List<String> values = containsValues("sel_two_flags");
        assertThat(values).hasSize(expectedCount).doesNotHaveDuplicates().contains(" -a -n", " -a /n", " /a -n",
                " \u2013a \u2015n");
    }

    @Test
    void neverExpandsAnInnerDash() {
        List<String> expected = new ArrayList<>();
        for (JsonNode value : brCase.expected().get("expanded_values").get("sel_inner_dash")) {
            expected.add(value.asText());
        }
        assertThat(containsValues("sel_inner_dash")).containsExactlyElementsOf(expected);
    }

    /** The substring values of a selection's leaves; every leaf must be a case-insensitive contains on CommandLine. */
    private static List<String> containsValues(String selection) {
        List<String> values = new ArrayList<>();
        for (FieldPredicate leaf : ConformanceCase.leaves(brCase.rule(selection).predicate())) {
            assertThat(leaf.field().toString()).isEqualTo("CommandLine");
            assertThat(leaf.matcher()).isInstanceOf(ValueMatcherSpec.Contains.class);
            ValueMatcherSpec.Contains contains = (ValueMatcherSpec.Contains) leaf.matcher();
            assertThat(contains.cased()).isFalse();
            values.add(contains.value());
        }
        return values;
    }
}
