package io.vigil.compiler.sigma;

import io.vigil.compiler.RuleCompiler;
import io.vigil.compiler.mapping.MappingReader;
import io.vigil.compiler.mapping.PlaceholderSet;
import io.vigil.compiler.mapping.SigmaConfig;
import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.compiler.predicate.PredicateFormatter;
import io.vigil.compiler.source.Diagnostic;
import io.vigil.compiler.source.RuleCompileException;
import io.vigil.compiler.source.RuleText;
import java.util.List;
import java.util.Map;

/** Sigma rules written inline, compiled with a small mapping shaped like the bundled one. */
final class SigmaFixtures {
    static final String MAPPING = """
            logsources:
              process_creation:
                product: windows
                category: process_creation
                event_types: [sysmon:1, security:4688]
              ps_script:
                product: windows
                category: ps_script
                event_types: [powershell:4104]
            fields:
              Provider_Name: Provider
            common_fields: [EventID, Channel, Provider, Computer]
            event_types:
              sysmon:1:
                fields: [Image, CommandLine, ParentImage, ParentCommandLine, OriginalFileName, User, ParentUser,
                  IntegrityLevel, LogonId, DestinationIp]
              security:4688:
                renames:
                  IntegrityLevel: MandatoryLabel
                  LogonId: SubjectLogonId
                values:
                  IntegrityLevel: {High: S-1-16-12288, System: S-1-16-16384}
                fields: [Image, CommandLine, ParentImage, NewProcessName, User, MandatoryLabel, SubjectLogonId]
              powershell:4104:
                fields: [ScriptBlockText, Path]
            """;

    static final SigmaConfig CONFIG = config(Map.of("Admins", List.of("adm-*", "root")));

    private SigmaFixtures() {
    }

    static SigmaConfig config(Map<String, List<String>> placeholders) {
        try {
            return new SigmaConfig(MappingReader.readMappings(new RuleText("windows.yml", MAPPING)),
                    new PlaceholderSet(placeholders, List.of("test-placeholders.yml")));
        } catch (RuleCompileException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** A process_creation rule with the given detection block (indented by two blanks per level). */
    static String rule(String detection) {
        return "title: test\nid: test-rule\nlevel: high\nlogsource:\n  product: windows\n  category: process_creation\n"
                + "detection:\n" + detection;
    }

    static RuleCompiler.FileResult compile(String yaml) {
        return RuleCompiler.checkOne(new RuleText("r.yml", yaml), CONFIG);
    }

    /** The predicate tree of a rule that must compile without errors. */
    static String tree(String yaml) {
        RuleCompiler.FileResult result = compile(yaml);
        if (!result.loaded()) {
            throw new AssertionError("does not compile: " + result.diagnostics() + "\n" + yaml);
        }
        CompiledRule rule = result.rule().get();
        return PredicateFormatter.format(rule.predicate());
    }

    /** The first error of a rule that must be rejected. */
    static String error(String yaml) {
        RuleCompiler.FileResult result = compile(yaml);
        List<Diagnostic> errors = result.errors();
        if (errors.isEmpty()) {
            throw new AssertionError("compiles, but should not: " + yaml);
        }
        return errors.get(0).toString();
    }
}
