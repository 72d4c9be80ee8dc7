package io.vigil.compiler.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.compiler.RuleCompiler;
import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.compiler.predicate.PredicateFormatter;
import io.vigil.compiler.predicate.Threshold;
import io.vigil.compiler.predicate.WindowKind;
import io.vigil.compiler.source.Diagnostic;
import io.vigil.compiler.source.DiagnosticCode;
import io.vigil.compiler.source.RuleText;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleParserTest {
    private static final String HEADER = "rule 'r1' {\n title 't'\n level high\n source vigil\n events sysmon:1\n";

    private static CompiledRule compile(String body) {
        RuleParser.Result result = RuleParser.parse(new RuleText("r.rule", HEADER + body + "\n}\n"));
        assertThat(result.diagnostics()).isEmpty();
        return result.rule().orElseThrow();
    }

    private static String tree(String match) {
        return PredicateFormatter.format(compile(" match " + match).predicate());
    }

    @Test
    void parsesMetadataAndSource() {
        String text = """
                // a comment
                rule 'S4' {
                    title 'Net use'
                    description "two\\tparts"
                    level medium
                    attack T1049, T1069.002
                    author 'someone'
                    source sigma id '2c9d' path 'rules/x.yml' license 'DRL-1.1' commit 'abc'
                    deviation 'first'
                    deviation 'second'
                    events sysmon:1, security:4688
                    /* block
                       comment */
                    match Image endswith '\\net.exe'
                }
                """;
        CompiledRule rule = RuleParser.parse(new RuleText("S4.rule", text)).rule().orElseThrow();
        assertThat(rule.id()).isEqualTo("S4");
        assertThat(rule.description()).contains("two\tparts");
        assertThat(rule.attack()).containsExactly("T1049", "T1069.002");
        assertThat(rule.source().vendor()).isEqualTo("sigma");
        assertThat(rule.source().id()).contains("2c9d");
        assertThat(rule.source().license()).contains("DRL-1.1");
        assertThat(rule.source().attributes()).containsEntry("commit", "abc");
        assertThat(rule.deviations()).containsExactly("first", "second");
        assertThat(rule.eventTypes()).containsExactly("sysmon:1", "security:4688");
        assertThat(rule.position().toString()).isEqualTo("S4.rule:2:1");
    }

    @Test
    void rawStringsKeepBackslashes() {
        assertThat(tree("Image endswith 'C:\\Windows\\' and CommandLine eq 'it''s'"))
                .isEqualTo("and\n  Image endswith 'C:\\Windows\\'\n  CommandLine eq 'it''s'\n");
    }

    @Test
    void precedenceIsNotThenAndThenOr() {
        assertThat(tree("a eq '1' or not b eq '2' and c eq '3'"))
                .isEqualTo("or\n  a eq '1'\n  and\n    not\n      b eq '2'\n    c eq '3'\n");
    }

    @Test
    void anyAndAllLists() {
        assertThat(tree("CommandLine contains all ['a', 'b'] and Image endswith any ['x', 'y']"))
                .isEqualTo("and\n  CommandLine contains 'a'\n  CommandLine contains 'b'\n"
                        + "  or\n    Image endswith 'x'\n    Image endswith 'y'\n");
    }

    @Test
    void wildcardsAreClassified() {
        assertThat(tree("a wildcard '*x*'")).isEqualTo("a contains 'x'\n");
        assertThat(tree("a wildcard 'x*'")).isEqualTo("a startswith 'x'\n");
        assertThat(tree("a wildcard '*x'")).isEqualTo("a endswith 'x'\n");
        assertThat(tree("a wildcard 'x'")).isEqualTo("a eq 'x'\n");
        assertThat(tree("a wildcard '\\*x'")).isEqualTo("a eq '*x'\n");
        assertThat(tree("a wildcard 'x?y'")).isEqualTo("a wildcard 'x?y'\n");
        assertThat(tree("a wildcard cased '*a*b*'")).isEqualTo("a wildcard cased '*a*b*'\n");
    }

    @Test
    void numbersCompareNumerically() {
        assertThat(tree("EventID eq 4688")).isEqualTo("EventID eq 4688\n");
        assertThat(tree("EventID eq '4688'")).isEqualTo("EventID eq '4688'\n");
        assertThat(tree("n gte -5")).isEqualTo("n gte -5\n");
    }

    @Test
    void derivedFieldsAndExistence() {
        assertThat(tree("basename(Image) eq 'net.exe' and args(CommandLine) eq 'use' and tokens(_raw) eq 'x'"
                + " and terms(_raw) eq 'y' and User exists and not ParentImage is null"))
                .isEqualTo("and\n  basename(Image) eq 'net.exe'\n  args(CommandLine) eq 'use'\n"
                        + "  tokens(_raw) eq 'x'\n  terms(_raw) eq 'y'\n  User exists\n  not\n    ParentImage is null\n");
    }

    @Test
    void windashExpandsFlagDashesOnly() {
        String tree = tree("CommandLine contains windash ' -a'");
        assertThat(tree.lines().filter(l -> l.contains("contains")).collect(Collectors.toList()))
                .containsExactly("  CommandLine contains ' -a'", "  CommandLine contains ' /a'",
                        "  CommandLine contains ' \u2013a'", "  CommandLine contains ' \u2014a'",
                        "  CommandLine contains ' \u2015a'");
        assertThat(tree("CommandLine contains windash 'Get-NetTCPConnection'"))
                .isEqualTo("CommandLine contains 'Get-NetTCPConnection'\n");
    }

    @Test
    void aggregation() {
        CompiledRule rule = compile(" match a eq 'b'\n aggregate by Computer, User window fixed 120s"
                + " having distinct(CommandLine) gt 3 and distinct(basename(Image)) gt 1 and count() gte 4");
        var agg = rule.aggregation().orElseThrow();
        assertThat(agg.window()).isEqualTo(WindowKind.FIXED);
        assertThat(agg.size()).isEqualTo(Duration.ofSeconds(120));
        assertThat(agg.groupBy()).hasSize(2);
        assertThat(agg.thresholds()).extracting(Threshold::toString)
                .containsExactly("distinct(CommandLine) gt 3", "distinct(basename(Image)) gt 1", "count() gte 4");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "match a eqq 'b'                 | r.rule:6:9: unexpected 'eqq'",
        "match a eq 'b' and              | r.rule:7:1: unexpected '}'",
        "match a eq 'b                   | r.rule:6:12: unterminated string",
        "match a eq 'b' @                | r.rule:6:16: unexpected character '@'",
        "match a regex '(unclosed'       | r.rule:6:15: invalid regex: missing closing )",
        "match frob(a) eq 'b'            | r.rule:6:7: unknown function 'frob'. Expecting one of: basename, args, tokens, terms",
        "match a gt 'x'                  | r.rule:6:12: not a number: 'x'",
        "match a gt cased 5              | r.rule:6:12: 'cased' does not apply to a numeric comparison",
        "match a eq \"\\q\"              | r.rule:6:12: unknown escape '\\q' in a double-quoted string (single-quoted strings keep backslashes as they are)",
    })
    void reportsErrorsWithPositions(String body, String expected) {
        RuleParser.Result result = RuleParser.parse(new RuleText("r.rule", HEADER + body + "\n}\n"));
        assertThat(result.rule()).isEmpty();
        assertThat(result.diagnostics()).isNotEmpty();
        assertThat(result.diagnostics().get(0).toString()).startsWith(expected.trim());
    }

    @Test
    void reportsMissingClausesAndUnknownEventTypes() {
        RuleParser.Result result = RuleParser.parse(new RuleText("x.rule", "rule 'x' {\n events sysmon:2\n}"));
        assertThat(result.diagnostics()).extracting(Diagnostic::toString).containsExactly(
                "x.rule:2:9: unknown event type 'sysmon:2'. Expecting one of: sysmon:1, security:4688, "
                        + "powershell:4103, powershell:4104, powershell-classic:400",
                "x.rule:1:1: rule has no 'title' clause",
                "x.rule:1:1: rule has no 'level' clause",
                "x.rule:1:1: rule has no 'source' clause",
                "x.rule:1:1: rule has no 'match' clause");
    }

    @Test
    void checkReportsEveryBadRuleAndDuplicateIds() {
        String good = HEADER + " match a eq 'b'\n}\n";
        RuleCompiler.Result result = RuleCompiler.check(List.of(
                new RuleText("a.rule", good),
                new RuleText("b.rule", "rule 'b' {"),
                new RuleText("c.rule", good),
                new RuleText("d.rule", HEADER + " match a regex '('\n}\n")));
        assertThat(result.rules()).hasSize(1);
        assertThat(result.diagnostics()).extracting(Diagnostic::code).containsExactly(
                DiagnosticCode.SYNTAX, DiagnosticCode.DUPLICATE_RULE_ID, DiagnosticCode.INVALID_REGEX);
        assertThat(result.diagnostics().get(1).toString())
                .isEqualTo("c.rule:1:1: duplicate rule id 'r1', first defined at a.rule:1:1");
    }

    @Test
    void deepNestingIsRejectedNotCrashing() {
        String deep = "(".repeat(20_000) + "a eq 'b'" + ")".repeat(20_000);
        RuleParser.Result result = RuleParser.parse(new RuleText("deep.rule", HEADER + " match " + deep + "\n}\n"));
        assertThat(result.rule()).isEmpty();
        assertThat(result.diagnostics()).extracting(Diagnostic::code).containsExactly(DiagnosticCode.RULE_TOO_LARGE);
    }
}
