package io.vigil.engine.eval;

import static io.vigil.engine.TestEvents.rule;
import static io.vigil.engine.TestEvents.sysmon1;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.connectors.event.Event;
import io.vigil.engine.alert.Alert;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    @Test
    void appliesRulesOnlyToTheirEventTypes() {
        CompiledRule rule = rule("security:4688", "match Image endswith '\\net.exe'");
        Evaluator evaluator = new Evaluator(List.of(rule), false);
        List<Alert> alerts = new ArrayList<>();
        evaluator.evaluate(sysmon1(1, "2024-01-01T00:00:00Z", "C:\\Windows\\net.exe", "net use"), alerts::add);
        assertThat(alerts).isEmpty();
    }

    @Test
    void missingFieldsNeverSatisfyAnExclusionByAccident() {
        CompiledRule rule = rule("sysmon:1", "match Image endswith '\\net.exe' and not ParentImage endswith '\\x.exe'"
                + " and not OriginalFileName eq cased 'net.exe'");
        Event event = sysmon1(1, "2024-01-01T00:00:00Z", "C:\\Windows\\NET.EXE", "net use");
        assertThat(Evaluator.matches(rule, event)).isTrue();
    }

    @Test
    void multiValuedAndDerivedFields() {
        CompiledRule rule = rule("sysmon:1",
                "match args(CommandLine) eq all ['use', '\\\\srv\\c$'] and basename(Image) eq 'NET.exe'");
        assertThat(Evaluator.matches(rule, sysmon1(1, "2024-01-01T00:00:00Z", "C:\\Windows\\net.exe",
                "net  use \"\\\\srv\\c$\""))).isTrue();
        assertThat(Evaluator.matches(rule, sysmon1(2, "2024-01-01T00:00:00Z", "C:\\Windows\\net.exe",
                "net user \\\\srv\\c$"))).isFalse();
    }

    @Test
    void mergedEqualitySetsStillRespectCase() {
        CompiledRule rule = rule("sysmon:1", "match basename(Image) eq any ['a.exe', 'b.exe', 'net.exe']"
                + " or basename(Image) eq cased any ['X.EXE', 'Y.EXE']");
        assertThat(Evaluator.matches(rule, sysmon1(1, "2024-01-01T00:00:00Z", "C:\\NET.EXE", ""))).isTrue();
        assertThat(Evaluator.matches(rule, sysmon1(2, "2024-01-01T00:00:00Z", "C:\\Y.EXE", ""))).isTrue();
        assertThat(Evaluator.matches(rule, sysmon1(3, "2024-01-01T00:00:00Z", "C:\\y.exe", ""))).isFalse();
    }

    @Test
    void rawKeywordsAndTerms() {
        CompiledRule rule = rule("sysmon:1", "match tokens(_raw) eq 'net' and terms(_raw) eq 'Get-NetSession'");
        assertThat(Evaluator.matches(rule, sysmon1(1, "2024-01-01T00:00:00Z", "C:\\Windows\\net.exe",
                "x (Get-NetSession)"))).isTrue();
        assertThat(Evaluator.matches(rule, sysmon1(2, "2024-01-01T00:00:00Z", "C:\\Windows\\net.exe",
                "x $a=Get-NetSession"))).isFalse();
    }
}
