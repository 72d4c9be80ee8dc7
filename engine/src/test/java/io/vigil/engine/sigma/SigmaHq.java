package io.vigil.engine.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.compiler.RuleCompiler;
import io.vigil.compiler.mapping.SigmaConfig;
import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.compiler.source.RuleText;
import io.vigil.engine.pack.RulePacks;
import io.vigil.engine.realdata.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SigmaHQ material of the shared folder ({@code ../shared/sigma}): the 1,638 Windows rules,
 * compiled once per test JVM with the bundled mapping, and SigmaHQ's regression data.
 */
final class SigmaHq {
    /** The number of rules in {@code sigma/sigmahq-rules}. */
    static final int RULE_COUNT = 1638;

    private static RuleCompiler.Result compiled;
    private static List<RuleText> sources;

    private SigmaHq() {
    }

    static Path rulesDir() {
        Path dir = SharedData.root().resolve("sigma").resolve("sigmahq-rules");
        assertThat(dir).as("SigmaHQ rules at %s", dir).isDirectory();
        return dir;
    }

    static Path regressionDir() {
        Path dir = SharedData.root().resolve("sigma").resolve("sigmahq-regression");
        assertThat(dir).as("SigmaHQ regression data at %s", dir).isDirectory();
        return dir;
    }

    static SigmaConfig config() {
        return RulePacks.sigmaConfig();
    }

    static synchronized List<RuleText> sources() {
        if (sources == null) {
            try {
                sources = RulePacks.load(List.of(rulesDir()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sources;
    }

    /** Every SigmaHQ rule file compiled together, as {@code vigil rules check} does. */
    static synchronized RuleCompiler.Result compiled() {
        if (compiled == null) {
            compiled = RuleCompiler.check(sources(), config());
        }
        return compiled;
    }

    /** The compiled rules by their id (the Sigma id). */
    static Map<String, CompiledRule> byId() {
        Map<String, CompiledRule> out = new LinkedHashMap<>();
        for (CompiledRule rule : compiled().rules()) {
            out.put(rule.id(), rule);
        }
        return out;
    }
}
