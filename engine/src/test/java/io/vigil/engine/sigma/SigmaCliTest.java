package io.vigil.engine.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.compiler.RuleCompiler;
import io.vigil.compiler.predicate.PredicateFormatter;
import io.vigil.compiler.source.RuleText;
import io.vigil.engine.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil rules check|convert|list} and {@code vigil hunt} with Sigma rule files. */
class SigmaCliTest {
    private static final String HEADER = "title: %s\nid: %s\nlevel: high\nlogsource:\n  product: windows\n"
            + "  category: process_creation\ndetection:\n";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeRules() throws Exception {
        write("a_good.yml", String.format(HEADER, "net view", "11111111-1111-4111-8111-111111111111")
                + "  sel:\n    CommandLine|contains: 'net view'\n  condition: sel\n");
        write("b_bad.yaml", String.format(HEADER, "bad", "22222222-2222-4222-8222-222222222222")
                + "  sel:\n    CommandLine|contians: 'net view'\n  condition: sel\n");
        write("c_lint.yml", String.format(HEADER, "lint", "33333333-3333-4333-8333-333333333333")
                + "  sel:\n    Commandline|contains: 'x'\n  condition: sel\n");
        write("d_native.rule", "rule 'N1' {\n title 'n'\n level low\n source vigil\n events sysmon:1\n"
                + " match Image endswith '\\net.exe'\n}\n");
        write("notes.txt", "not a rule");
    }

    private void write(String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private int run(String... args) {
        return Main.createCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void checkPrintsOneLinePerFileAndTotals() {
        int code = run("rules", "check", dir.toString());
        assertThat(code).isEqualTo(2);
        String d = dir.toString();
        assertThat(out.toString().split("\n")).containsExactly(
                d + "/a_good.yml: loaded",
                d + "/b_bad.yaml: rejected: " + d + "/b_bad.yaml:9:17: unknown modifier 'contians' (did you mean"
                        + " 'contains'?)",
                d + "/c_lint.yml: loaded",
                "    warning: " + d + "/c_lint.yml:9:5: field 'Commandline' is not carried by any event type of"
                        + " logsource process_creation (sysmon:1, security:4688), so this test is never true (did you"
                        + " mean 'CommandLine'?)",
                d + "/d_native.rule: loaded",
                "4 rule file(s): 3 loaded, 1 rejected, 1 warning(s)");
    }

    @Test
    void checkLoadsTheBundledPack() {
        assertThat(run("rules", "check")).isZero();
        assertThat(out.toString()).endsWith("22 rule file(s): 22 loaded, 0 rejected, 0 warning(s)\n");
    }

    @Test
    void convertPrintsTheRuleInTheRuleLanguage() throws Exception {
        assertThat(run("rules", "convert", dir.resolve("a_good.yml").toString())).isZero();
        String text = out.toString();
        assertThat(text).contains("rule '11111111-1111-4111-8111-111111111111' {", "source sigma id",
                "events sysmon:1, security:4688", "match\n        CommandLine contains 'net view'\n");
        RuleCompiler.Result back = RuleCompiler.check(List.of(new RuleText("back.rule", text)));
        assertThat(back.diagnostics()).isEmpty();
        RuleCompiler.Result sigma = RuleCompiler.check(List.of(new RuleText("a_good.yml",
                Files.readString(dir.resolve("a_good.yml")))), SigmaHq.config());
        assertThat(PredicateFormatter.format(back.rules().get(0).predicate()))
                .isEqualTo(PredicateFormatter.format(sigma.rules().get(0).predicate()));
    }

    @Test
    void convertRefusesARejectedRule() {
        assertThat(run("rules", "convert", dir.resolve("b_bad.yaml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown modifier 'contians'", "was rejected; nothing to convert");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void listShowsSigmaRulesWithTheirUuid() {
        assertThat(run("rules", "list", "--rules", dir.resolve("a_good.yml").toString(), "--format", "jsonl")).isZero();
        assertThat(out.toString()).contains("\"id\":\"11111111-1111-4111-8111-111111111111\"",
                "\"uuid\":\"11111111-1111-4111-8111-111111111111\"", "\"ruleset\":\"sigma\"");
    }

    @Test
    void huntRunsTheRulesThatLoadedAndReportsTheOthers() throws Exception {
        Path events = dir.resolve("events.jsonl");
        Files.writeString(events, "{\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Provider_Name\":"
                + "\"Microsoft-Windows-Sysmon\",\"EventID\":1,\"Computer\":\"H1\",\"EventRecordID\":7,"
                + "\"Image\":\"C:\\\\Windows\\\\System32\\\\net.exe\",\"CommandLine\":\"net view\"}\n");
        int code = run("hunt", "--rules", dir.toString(), "--no-summary", events.toString());
        // the rules that loaded ran, and the rule error still makes the exit code non-zero
        assertThat(code).as(err.toString()).isEqualTo(2);
        assertThat(out.toString()).contains("\"uuid\":\"11111111-1111-4111-8111-111111111111\"",
                "\"ruleset\":\"sigma\"", "\"id\":\"N1\"");
        assertThat(err.toString()).contains("unknown modifier 'contians'",
                "1 rule file(s) rejected (above); running with the 3 rule(s) that loaded");
    }

    @Test
    void strictRulesRefusesToRunWithARejectedRule() throws Exception {
        Path events = dir.resolve("events.jsonl");
        Files.writeString(events, "{}\n");
        assertThat(run("hunt", "--strict-rules", "--rules", dir.toString(), events.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nothing was run (--strict-rules)");
    }
}
