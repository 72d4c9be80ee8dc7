package io.vigil.engine.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.compiler.RuleCompiler;
import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.engine.alert.AlertJson;
import io.vigil.engine.metrics.EngineMetrics;
import io.vigil.engine.pack.BundledSamples;
import io.vigil.engine.pack.RulePacks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HuntServiceTest {
    private static List<String> hunt(List<Path> inputs, int threads, EngineMetrics metrics) throws Exception {
        List<CompiledRule> rules = RuleCompiler.compile(RulePacks.bundled());
        List<String> alerts = new ArrayList<>();
        HuntService.builder().rules(rules).metrics(metrics).readerThreads(threads).build()
                .hunt(inputs, a -> alerts.add(AlertJson.toJson(a)));
        return alerts;
    }

    @Test
    void parallelDecodingGivesTheSameAlertsInTheSameOrder() throws Exception {
        List<Path> samples = BundledSamples.paths();
        List<String> one = hunt(samples, 1, new EngineMetrics());
        List<String> many = hunt(samples, 4, new EngineMetrics());
        assertThat(one).hasSizeGreaterThan(20);
        assertThat(many).isEqualTo(one);
    }

    @Test
    void aBadFileOrRecordIsReportedAndTheRestIsRead(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("a.jsonl");
        Files.writeString(good, "{\"Channel\":\"Security\",\"Provider_Name\":\"Microsoft-Windows-Security-Auditing\","
                + "\"EventID\":4688,\"Computer\":\"H\",\"TimeCreated\":\"2024-01-01T00:00:00Z\",\"EventRecordID\":1,"
                + "\"NewProcessName\":\"C:\\\\Windows\\\\System32\\\\net.exe\",\"CommandLine\":\"net view\"}\n"
                + "{not json\n", StandardCharsets.UTF_8);
        Path garbage = dir.resolve("b.json");
        Files.write(garbage, new byte[] {0, 1, 2, 3, 4});
        EngineMetrics metrics = new EngineMetrics();
        List<String> alerts = hunt(List.of(dir), 2, metrics);
        assertThat(alerts).hasSize(1);
        assertThat(metrics.unreadable()).isEqualTo(2);
        assertThat(metrics.keptErrors()).anySatisfy(e -> assertThat(e).contains("a.jsonl", "line 2"))
                .anySatisfy(e -> assertThat(e).contains("b.json"));
    }
}
