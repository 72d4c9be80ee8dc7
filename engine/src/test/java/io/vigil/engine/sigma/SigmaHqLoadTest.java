package io.vigil.engine.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.compiler.RuleCompiler;
import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.compiler.source.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every one of the 1,638 SigmaHQ Windows rules of the shared folder loads: compiled with the
 * bundled mapping to the same predicate trees as native rules. A rejection would name the file,
 * line, column and the unsupported construct.
 */
class SigmaHqLoadTest {
    @Test
    void loadsEverySigmaHqRule() {
        RuleCompiler.Result result = SigmaHq.compiled();
        List<String> rejected = new ArrayList<>();
        for (RuleCompiler.FileResult file : result.files()) {
            if (!file.loaded()) {
                rejected.add(file.sourceName() + ": " + file.errors());
            }
        }
        assertThat(result.files()).hasSize(SigmaHq.RULE_COUNT);
        assertThat(rejected).as("rejected SigmaHQ rules").isEmpty();
        assertThat(result.rules()).hasSize(SigmaHq.RULE_COUNT);
    }

    @Test
    void reportsNoWarningOnSigmaHqRules() {
        assertThat(SigmaHq.compiled().warnings()).extracting(Diagnostic::toString).isEmpty();
    }

    @Test
    void keepsSigmaMetadata() {
        CompiledRule rule = SigmaHq.byId().get("1c67a717-32ba-409b-a45d-0fb704a73a81");
        assertThat(rule).isNotNull();
        assertThat(rule.title()).isEqualTo("System Network Connections Discovery Via Net.EXE");
        assertThat(rule.source().vendor()).isEqualTo("sigma");
        assertThat(rule.source().id()).contains("1c67a717-32ba-409b-a45d-0fb704a73a81");
        assertThat(rule.level()).isEqualTo("low");
        assertThat(rule.attack()).containsExactly("T1049");
        assertThat(rule.author()).contains("frack113");
        assertThat(rule.eventTypes()).containsExactly("sysmon:1", "security:4688");
    }

    @Test
    void mapsEachLogsourceToItsEventTypes() {
        for (CompiledRule rule : SigmaHq.compiled().rules()) {
            String logsource = rule.source().attributes().get("logsource");
            List<String> expected = switch (logsource) {
                case "process_creation" -> List.of("sysmon:1", "security:4688");
                case "ps_script" -> List.of("powershell:4104");
                case "ps_module" -> List.of("powershell:4103");
                case "ps_classic_start" -> List.of("powershell-classic:400");
                default -> throw new AssertionError(rule.id() + ": unexpected logsource " + logsource);
            };
            assertThat(rule.eventTypes()).as(rule.id()).isEqualTo(expected);
        }
    }
}
