package io.vigil.engine.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.compiler.RuleCompiler;
import io.vigil.connectors.EventReaders;
import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.EventType;
import io.vigil.connectors.spi.EventSource;
import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.engine.alert.AlertJson;
import io.vigil.engine.metrics.EngineMetrics;
import io.vigil.engine.pack.BundledSamples;
import io.vigil.engine.pack.RulePacks;
import io.vigil.engine.realdata.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
    void recordsSkippedAsOtherStillCountAsEventsRead() throws Exception {
        // the readers skip what no rule reads; the counts a hunt reports are those of reading every event
        List<Path> evtx = SharedData.files(".evtx");
        Map<EventType, Long> expected = new EnumMap<>(EventType.class);
        long unreadable = 0;
        for (Path file : evtx) {
            long[] errors = new long[1];
            try (EventSource source = EventReaders.open(file, (src, pos, msg) -> errors[0]++)) {
                Event e;
                while ((e = source.next()) != null) {
                    expected.merge(e.type(), 1L, Long::sum);
                }
            }
            unreadable += errors[0];
        }
        EngineMetrics metrics = new EngineMetrics();
        List<String> alerts = hunt(evtx, 2, metrics);

        assertThat(expected.get(EventType.OTHER)).isGreaterThan(10_000);
        for (EventType type : EventType.values()) {
            assertThat(metrics.eventsRead(type)).as("%s events", type).isEqualTo(expected.getOrDefault(type, 0L));
        }
        assertThat(metrics.unreadable()).isEqualTo(unreadable);
        assertThat(alerts).isNotEmpty();
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
