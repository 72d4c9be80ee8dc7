package io.vigil.engine.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.compiler.RuleCompiler;
import io.vigil.compiler.source.Diagnostic;
import io.vigil.compiler.source.RuleText;
import io.vigil.connectors.event.Event;
import io.vigil.engine.alert.Alert;
import io.vigil.engine.eval.Evaluator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * BR-36 (confluent-sigma issue 30): rule loading is isolated. A null detection, a condition naming
 * a missing detection, a misspelt modifier and a duplicate id are each rejected with a precise
 * {@code file:line:col} message and no exception; the good rule loads and matches.
 */
class SigmaRuleIsolationTest {
    private static RuleCompiler.Result result;
    private static JsonNode brCase;

    @BeforeAll
    static void loadVariants() {
        brCase = SigmaCase.read("BR-36");
        List<RuleText> texts = new ArrayList<>();
        for (JsonNode variant : brCase.get("rule").get("variants")) {
            texts.add(new RuleText(variant.get("id").asText() + ".yml", variant.get("yaml").asText()));
        }
        result = RuleCompiler.check(texts, SigmaHq.config());
    }

    @Test
    void loadsTheGoodRuleOnly() {
        assertThat(result.files()).extracting(RuleCompiler.FileResult::loaded)
                .containsExactly(true, false, false, false, false);
        assertThat(result.rules()).extracting(r -> r.id()).containsExactly("11111111-0000-4000-8000-000000000036");
    }

    @Test
    void rejectsEachBadRuleWithAPreciseMessage() {
        assertThat(errors(0)).isEmpty();
        assertThat(errors(1)).containsExactly("r1.yml:6:1: 'detection' is empty (null) ('condition' is at the top"
                + " level: are the detection's entries indented under it?)");
        assertThat(errors(2)).containsExactly("r2.yml:9:26: condition references undefined identifier 'filter'");
        assertThat(errors(3)).containsExactly("r3.yml:8:17: unknown modifier 'contians' (did you mean 'contains'?)");
        assertThat(errors(4)).containsExactly("r4.yml:1:1: duplicate rule id '11111111-0000-4000-8000-000000000036',"
                + " first defined at r0.yml:1:1");
    }

    @Test
    void matchesOnlyTheGoodRule() {
        Event event = SigmaCase.decode("BR-36", 0, brCase.get("events").get(0));
        Evaluator evaluator = new Evaluator(result.rules(), true);
        List<Alert> alerts = new ArrayList<>();
        evaluator.evaluate(event, alerts::add);
        evaluator.finish(alerts::add);
        assertThat(alerts).extracting(a -> a.rule().title()).containsExactly("net view");
    }

    private static List<String> errors(int file) {
        return result.files().get(file).errors().stream().map(Diagnostic::toString).toList();
    }
}
