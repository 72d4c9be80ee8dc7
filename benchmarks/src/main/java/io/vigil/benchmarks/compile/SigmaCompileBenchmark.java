package io.vigil.benchmarks.compile;

import io.vigil.compiler.RuleCompiler;
import io.vigil.compiler.mapping.SigmaConfig;
import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.compiler.predicate.RuleFormatter;
import io.vigil.compiler.source.RuleText;
import io.vigil.engine.pack.RulePacks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading SigmaHQ rules: {@code sigma} compiles {@code rules} Sigma YAML files of
 * {@code ../shared/sigma/sigmahq-rules} (YAML composition, model, modifiers, condition parsing,
 * mapping, lowering). {@code baseline} compiles the very same rules written in the rule language
 * ({@code vigil rules convert}), so the ratio is the cost of reading Sigma over the native parser.
 * The shared folder is {@code -Dvigil.shared.dir} (default {@code ../shared}, from the repository).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class SigmaCompileBenchmark {
    @Param({"100", "1638"})
    public int rules;

    private List<RuleText> sigma;
    private List<RuleText> natives;
    private SigmaConfig config;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path dir = Path.of(System.getProperty("vigil.shared.dir", "../shared"), "sigma", "sigmahq-rules");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("SigmaHQ rules not found at " + dir.toAbsolutePath()
                    + "; pass -Dvigil.shared.dir=<the shared folder>");
        }
        config = RulePacks.sigmaConfig();
        List<RuleText> all = new ArrayList<>(RulePacks.load(List.of(dir)));
        Collections.shuffle(all, new Random(42));
        sigma = all.subList(0, Math.min(rules, all.size()));
        natives = new ArrayList<>();
        for (CompiledRule rule : RuleCompiler.check(sigma, config).rules()) {
            natives.add(new RuleText(rule.id() + ".rule", RuleFormatter.format(rule)));
        }
        if (natives.size() != sigma.size()) {
            throw new IllegalStateException("only " + natives.size() + " of " + sigma.size() + " rules compiled");
        }
    }

    @Benchmark
    public RuleCompiler.Result sigma() {
        return RuleCompiler.check(sigma, config);
    }

    @Benchmark
    public RuleCompiler.Result baseline() {
        return RuleCompiler.check(natives);
    }
}
