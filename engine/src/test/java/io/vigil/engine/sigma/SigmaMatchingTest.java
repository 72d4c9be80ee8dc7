package io.vigil.engine.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.compiler.RuleCompiler;
import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.compiler.source.RuleText;
import io.vigil.connectors.event.Event;
import io.vigil.engine.eval.Evaluator;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Sigma constructs that SigmaHQ's Windows rules rarely or never use, run end to end on events:
 * field references, CIDR networks, the 4688 field mapping, case-sensitive regexes, keywords and
 * the encoding modifiers.
 */
class SigmaMatchingTest {
    private static CompiledRule rule(String detection) {
        String yaml = "title: t\nid: t\nlevel: high\nlogsource:\n  product: windows\n  category: process_creation\n"
                + "detection:\n" + detection;
        RuleCompiler.FileResult result = RuleCompiler.checkOne(new RuleText("t.yml", yaml), SigmaHq.config());
        assertThat(result.errors()).as(yaml).isEmpty();
        return result.rule().orElseThrow();
    }

    private static Event.Builder sysmon() {
        return Event.builder("test", "record 1").put("EventID", "1").put("Channel", "Microsoft-Windows-Sysmon/Operational")
                .put("Provider", "Microsoft-Windows-Sysmon").put("Computer", "HOST1");
    }

    private static Event.Builder security() {
        return Event.builder("test", "record 2").put("EventID", "4688").put("Channel", "Security")
                .put("Provider", "Microsoft-Windows-Security-Auditing").put("Computer", "HOST1");
    }

    @Test
    void comparesAFieldWithAnotherFieldIgnoringCase() {
        CompiledRule same = rule("  sel:\n    User|fieldref: ParentUser\n  condition: sel\n");
        assertThat(Evaluator.matches(same, sysmon().put("User", "CORP\\Alice").put("ParentUser", "corp\\alice").build()))
                .isTrue();
        assertThat(Evaluator.matches(same, sysmon().put("User", "CORP\\Alice").put("ParentUser", "CORP\\Bob").build()))
                .isFalse();
        assertThat(Evaluator.matches(same, sysmon().put("User", "CORP\\Alice").build())).isFalse();
        assertThat(Evaluator.matches(same, sysmon().put("User", "CORP\\Alice").put("ParentUser", null).build()))
                .isFalse();
        CompiledRule not = rule("  sel:\n    User|fieldref: ParentUser\n  condition: not sel\n");
        assertThat(Evaluator.matches(not, sysmon().put("User", "CORP\\Alice").build())).isTrue();
        CompiledRule contains = rule("  sel:\n    CommandLine|fieldref|contains: Image\n  condition: sel\n");
        assertThat(Evaluator.matches(contains, sysmon().put("Image", "C:\\x\\A.exe")
                .put("CommandLine", "\"c:\\X\\a.EXE\" -run").build())).isTrue();
    }

    @Test
    void testsNetworkMembership() {
        CompiledRule r = rule("  sel:\n    DestinationIp|cidr:\n      - '10.0.0.0/8'\n      - 'fe80::/10'\n"
                + "  condition: sel\n");
        assertThat(Evaluator.matches(r, sysmon().put("DestinationIp", "10.20.30.40").build())).isTrue();
        assertThat(Evaluator.matches(r, sysmon().put("DestinationIp", "FE80::1").build())).isTrue();
        assertThat(Evaluator.matches(r, sysmon().put("DestinationIp", "11.0.0.1").build())).isFalse();
        assertThat(Evaluator.matches(r, sysmon().put("DestinationIp", "10.0.0.1.example").build())).isFalse();
        assertThat(Evaluator.matches(r, sysmon().build())).isFalse();
    }

    @Test
    void readsIntegrityLevelFromTheMandatoryLabelOn4688() {
        CompiledRule system = rule("  sel:\n    IntegrityLevel: System\n  condition: sel\n");
        assertThat(Evaluator.matches(system, sysmon().put("IntegrityLevel", "System").build())).isTrue();
        assertThat(Evaluator.matches(system, security().put("MandatoryLabel", "S-1-16-16384").build())).isTrue();
        assertThat(Evaluator.matches(system, security().put("MandatoryLabel", "S-1-16-12288").build())).isFalse();
        CompiledRule none = rule("  sel:\n    IntegrityLevel: null\n  condition: sel\n");
        assertThat(Evaluator.matches(none, security().build())).isTrue();
        assertThat(Evaluator.matches(none, security().put("MandatoryLabel", "S-1-16-8192").build())).isFalse();
        assertThat(Evaluator.matches(none, sysmon().build())).isTrue();
        assertThat(Evaluator.matches(none, sysmon().put("IntegrityLevel", "Medium").build())).isFalse();
    }

    @Test
    void keepsRegexesCaseSensitiveUnlessI() {
        CompiledRule cased = rule("  sel:\n    CommandLine|re: 'net\\s+use'\n  condition: sel\n");
        CompiledRule ignoring = rule("  sel:\n    CommandLine|re|i: 'net\\s+use'\n  condition: sel\n");
        Event upper = sysmon().put("CommandLine", "NET  USE").build();
        assertThat(Evaluator.matches(cased, upper)).isFalse();
        assertThat(Evaluator.matches(ignoring, upper)).isTrue();
        assertThat(Evaluator.matches(cased, sysmon().put("CommandLine", "x net use y").build())).isTrue();
    }

    @Test
    void searchesKeywordsInEveryField() {
        CompiledRule r = rule("  keywords:\n    - 'mimikatz'\n  condition: keywords\n");
        assertThat(Evaluator.matches(r, sysmon().put("ParentCommandLine", "C:\\tools\\MimiKatz.exe").build())).isTrue();
        assertThat(Evaluator.matches(r, sysmon().put("CommandLine", "whoami").build())).isFalse();
    }

    @Test
    void findsBase64OfWideTextAtAnyOffset() {
        CompiledRule r = rule("  sel:\n    CommandLine|wide|base64offset|contains: 'Invoke-Mimikatz'\n"
                + "  condition: sel\n");
        for (String prefix : new String[] {"", "I", "IE", "IEX ", "$x = 1; "}) {
            String script = prefix + "Invoke-Mimikatz -DumpCreds";
            String encoded = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
            Event event = sysmon().put("CommandLine", "powershell.exe -enc " + encoded).build();
            assertThat(Evaluator.matches(r, event)).as("prefix '%s'", prefix).isTrue();
        }
        String other = Base64.getEncoder().encodeToString("Get-Process".getBytes(StandardCharsets.UTF_16LE));
        assertThat(Evaluator.matches(r, sysmon().put("CommandLine", "powershell.exe -enc " + other).build())).isFalse();
    }

    @Test
    void comparesNumbers() {
        CompiledRule r = rule("  sel:\n    TerminalSessionId|gte: 1\n  condition: sel\n");
        assertThat(Evaluator.matches(r, sysmon().put("TerminalSessionId", "2").build())).isTrue();
        assertThat(Evaluator.matches(r, sysmon().put("TerminalSessionId", "0").build())).isFalse();
        assertThat(Evaluator.matches(r, sysmon().put("TerminalSessionId", "x").build())).isFalse();
    }
}
