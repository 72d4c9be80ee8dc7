package io.vigil.engine.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.compiler.predicate.And;
import io.vigil.compiler.predicate.Constant;
import io.vigil.compiler.predicate.FieldPredicate;
import io.vigil.compiler.predicate.Not;
import io.vigil.compiler.predicate.Or;
import io.vigil.compiler.predicate.Predicate;
import io.vigil.compiler.predicate.ValueMatcherSpec;
import io.vigil.compiler.predicate.ValueMatcherSpec.Wildcard;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The matching and mapping conformance cases of the shared folder, in their Sigma form: the case's
 * own Sigma detection, compiled from YAML, gives every expected truth value on the case's events.
 */
class SigmaConformanceTest {
    static final List<String> CASES = List.of("BR-01", "BR-02", "BR-03", "BR-05", "BR-07", "BR-09", "BR-12", "BR-13");

    @TestFactory
    Stream<DynamicNode> followsEveryTruthTable() {
        List<DynamicNode> nodes = new ArrayList<>();
        for (String id : CASES) {
            SigmaCase c = SigmaCase.load(id);
            nodes.add(DynamicContainer.dynamicContainer(id, c.truthTable()));
        }
        return nodes.stream();
    }

    /** BR-01: the parsed form of each escaped value, as the case note gives it. */
    @Test
    void parsesBackslashEscapesAsSigmaDoes() {
        SigmaCase c = SigmaCase.load("BR-01");
        assertThat(onlyLeaf(c, "sel_wild_unc").matcher())
                .isEqualTo(new Wildcard(List.of(Wildcard.STAR, "\\\\", Wildcard.STAR, "\\IPC$", Wildcard.STAR), false));
        assertThat(onlyLeaf(c, "sel_literal_star").matcher()).isEqualTo(new ValueMatcherSpec.Contains("\\\\*\\IPC$", false));
        assertThat(onlyLeaf(c, "sel_single_escape").matcher())
                .isEqualTo(new Wildcard(List.of(Wildcard.STAR, "\\", Wildcard.STAR, "\\IPC$", Wildcard.STAR), false));
        assertThat(onlyLeaf(c, "sel_bs_literal_star").matcher()).isEqualTo(new ValueMatcherSpec.Contains("\\*\\IPC$", false));
        assertThat(onlyLeaf(c, "sel_doubled_plain_backslash").matcher())
                .isEqualTo(onlyLeaf(c, "sel_plain_backslash").matcher())
                .isEqualTo(new ValueMatcherSpec.Suffix("\\net.exe", false));
        assertThat(onlyLeaf(c, "sel_trailing_backslash").matcher())
                .isEqualTo(new ValueMatcherSpec.Contains("AppData\\Local\\Temp\\", false));
    }

    /** BR-02: windash expands each word-starting dash to the five dash forms, and never an inner dash. */
    @Test
    void expandsWindashAsTheCaseLists() {
        SigmaCase c = SigmaCase.load("BR-02");
        JsonNode expected = c.expected().get("expanded_values");
        List<String> flags = new ArrayList<>();
        for (FieldPredicate leaf : leaves(c.rule("sel_flags").predicate())) {
            flags.add(((ValueMatcherSpec.Contains) leaf.matcher()).value());
        }
        List<String> want = new ArrayList<>();
        expected.get("sel_flags").forEach(v -> want.add(v.asText()));
        assertThat(flags).containsExactlyElementsOf(want);
        assertThat(leaves(c.rule("sel_two_flags").predicate())).hasSize(expected.get("sel_two_flags_count").asInt());
        assertThat(leaves(c.rule("sel_inner_dash").predicate())).extracting(FieldPredicate::matcher)
                .containsExactly(new ValueMatcherSpec.Contains("Get-NetTCPConnection", false));
    }

    /** BR-03: windash with all is AND(OR(variants)) per value. */
    @Test
    void combinesWindashWithAllAsAndOfOrs() {
        Predicate p = SigmaCase.load("BR-03").rule("sel_flags").predicate();
        assertThat(p).isInstanceOf(And.class);
        assertThat(((And) p).terms()).hasSize(3).allSatisfy(t -> {
            assertThat(t).isInstanceOf(Or.class);
            assertThat(((Or) t).terms()).hasSize(5);
        });
    }

    /** BR-09: a keyword is a substring search of the raw text. */
    @Test
    void searchesKeywordsInTheRawText() {
        SigmaCase c = SigmaCase.load("BR-09");
        assertThat(leaves(c.rule("keywords").predicate())).extracting(FieldPredicate::field)
                .allSatisfy(f -> assertThat(f.name()).isEqualTo("_raw"));
        assertThat(c.rule("keywords_all").predicate()).isInstanceOf(And.class);
    }

    /** BR-12: null is absent-or-null, '' is equality with the empty string, exists is presence. */
    @Test
    void keepsNullEmptyAndExistsApart() {
        SigmaCase c = SigmaCase.load("BR-12");
        assertThat(onlyLeaf(c, "sel_null").matcher()).isEqualTo(new ValueMatcherSpec.IsNull());
        assertThat(onlyLeaf(c, "sel_empty").matcher()).isEqualTo(new ValueMatcherSpec.Equals("", false));
        assertThat(onlyLeaf(c, "sel_exists").matcher()).isEqualTo(new ValueMatcherSpec.Exists());
        assertThat(c.rule("sel_not_exists").predicate()).isInstanceOf(Not.class);
    }

    /** BR-13: a process_creation rule applies to Sysmon 1 and Security 4688 with the same field names. */
    @Test
    void runsProcessCreationOnBothSources() {
        SigmaCase c = SigmaCase.load("BR-13");
        assertThat(c.rule(SigmaCase.CONDITION).eventTypes()).containsExactly("sysmon:1", "security:4688");
        assertThat(leaves(c.rule("sel_parent_cli").predicate())).extracting(f -> f.field().name())
                .containsExactly("ParentCommandLine");
    }

    private static FieldPredicate onlyLeaf(SigmaCase c, String selection) {
        List<FieldPredicate> leaves = leaves(c.rule(selection).predicate());
        assertThat(leaves).as(selection).hasSize(1);
        return leaves.get(0);
    }

    static List<FieldPredicate> leaves(Predicate predicate) {
        List<FieldPredicate> out = new ArrayList<>();
        collect(predicate, out);
        return out;
    }

    private static void collect(Predicate p, List<FieldPredicate> out) {
        if (p instanceof FieldPredicate f) {
            out.add(f);
        } else if (p instanceof And a) {
            a.terms().forEach(t -> collect(t, out));
        } else if (p instanceof Or o) {
            o.terms().forEach(t -> collect(t, out));
        } else if (p instanceof Not n) {
            collect(n.term(), out);
        } else if (!(p instanceof Constant)) {
            throw new IllegalStateException("unhandled node: " + p);
        }
    }
}
