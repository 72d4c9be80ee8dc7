package io.vigil.engine.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.compiler.RuleCompiler;
import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.compiler.predicate.PredicateFormatter;
import io.vigil.compiler.predicate.RuleFormatter;
import io.vigil.compiler.source.RuleText;
import io.vigil.engine.pack.RulePacks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code vigil rules convert} is lossless: every SigmaHQ rule written in the rule language parses
 * back to the same predicate tree (so it matches exactly the same events) and the same metadata.
 * The bundled native pack round-trips through the same writer.
 */
class SigmaConvertTest {
    @Test
    void convertsEverySigmaHqRuleLosslessly() {
        List<String> failures = new ArrayList<>();
        for (CompiledRule rule : SigmaHq.compiled().rules()) {
            String problem = roundTrip(rule);
            if (problem != null) {
                failures.add(problem);
            }
        }
        assertThat(SigmaHq.compiled().rules()).hasSize(SigmaHq.RULE_COUNT);
        assertThat(failures).as("rules whose native form differs").isEmpty();
    }

    @Test
    void roundTripsTheBundledPack() {
        List<String> failures = new ArrayList<>();
        for (CompiledRule rule : RuleCompiler.check(RulePacks.bundled()).rules()) {
            String problem = roundTrip(rule);
            if (problem != null) {
                failures.add(problem);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void convertsTheConformanceCases() {
        for (String id : SigmaConformanceTest.CASES) {
            SigmaCase c = SigmaCase.load(id);
            assertThat(roundTrip(c.rule(SigmaCase.CONDITION))).as(id).isNull();
        }
    }

    /** Null when the rule's native text compiles to the same rule; else what differs. */
    static String roundTrip(CompiledRule rule) {
        String text = RuleFormatter.format(rule);
        RuleCompiler.Result parsed = RuleCompiler.check(List.of(new RuleText(rule.id() + ".rule", text)));
        if (!parsed.diagnostics().isEmpty()) {
            return rule.id() + ": " + parsed.diagnostics() + "\n" + text;
        }
        CompiledRule back = parsed.rules().get(0);
        String before = PredicateFormatter.format(rule.predicate());
        String after = PredicateFormatter.format(back.predicate());
        if (!before.equals(after) || !back.predicate().equals(rule.predicate())) {
            return rule.id() + ": predicate differs\n" + before + "---\n" + after + "---\n" + text;
        }
        if (!back.id().equals(rule.id()) || !back.title().equals(rule.title()) || !back.level().equals(rule.level())
                || !back.attack().equals(rule.attack()) || !back.eventTypes().equals(rule.eventTypes())
                || !back.description().equals(rule.description()) || !back.author().equals(rule.author())
                || !back.source().equals(rule.source()) || !back.deviations().equals(rule.deviations())
                || !back.aggregation().equals(rule.aggregation())) {
            return rule.id() + ": metadata differs\n" + text;
        }
        return null;
    }
}
