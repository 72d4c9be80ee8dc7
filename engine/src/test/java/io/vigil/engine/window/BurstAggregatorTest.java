package io.vigil.engine.window;

import static io.vigil.engine.TestEvents.rule;
import static io.vigil.engine.TestEvents.sysmon1;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.connectors.event.Event;
import io.vigil.engine.alert.Alert;
import io.vigil.engine.alert.EventRef;
import io.vigil.engine.eval.Evaluator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BurstAggregatorTest {
    private static final CompiledRule BURST = rule("sysmon:1", "match Image exists\n aggregate by Computer window fixed"
            + " 120s having distinct(CommandLine) gt 3 and distinct(basename(Image)) gt 1");

    private static List<Alert> hunt(CompiledRule rule, List<Event> events) {
        Evaluator evaluator = new Evaluator(List.of(rule), true);
        List<Alert> alerts = new ArrayList<>();
        for (Event e : events) {
            evaluator.evaluate(e, alerts::add);
        }
        evaluator.finish(alerts::add);
        return alerts;
    }

    private static List<Event> burst(String... times) {
        String[][] commands = {
            {"C:\\Windows\\System32\\whoami.exe", "whoami /all"},
            {"C:\\Windows\\System32\\ipconfig.exe", "ipconfig /all"},
            {"C:\\Windows\\System32\\NETSTAT.EXE", "netstat -ano"},
            {"C:\\Windows\\System32\\net.exe", "net  use"},
        };
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            events.add(sysmon1(100 + i, times[i], commands[i % 4][0], commands[i % 4][1]));
        }
        return events;
    }

    @Test
    void firesOncePerGroupAndBucket() {
        List<Alert> alerts = hunt(BURST, burst("2024-01-01T00:02:01Z", "2024-01-01T00:02:30Z",
                "2024-01-01T00:03:00Z", "2024-01-01T00:03:59Z"));
        assertThat(alerts).hasSize(1);
        var window = alerts.get(0).burst().orElseThrow();
        assertThat(window.start().toString()).isEqualTo("2024-01-01T00:02:00Z");
        assertThat(window.end().toString()).isEqualTo("2024-01-01T00:04:00Z");
        assertThat(window.events()).extracting(EventRef::recordId).containsExactly(100L, 101L, 102L, 103L);
        assertThat(window.measures()).containsEntry("distinct(CommandLine)", 4L);
    }

    @Test
    void staysSilentAcrossABucketBoundary() {
        assertThat(hunt(BURST, burst("2024-01-01T00:01:30Z", "2024-01-01T00:01:50Z",
                "2024-01-01T00:02:10Z", "2024-01-01T00:02:20Z"))).isEmpty();
    }

    @Test
    void resultDoesNotDependOnInputOrder() {
        List<Event> events = burst("2024-01-01T00:02:01Z", "2024-01-01T00:02:30Z", "2024-01-01T00:03:00Z",
                "2024-01-01T00:03:59Z", "2024-01-01T00:10:00Z");
        List<Event> reversed = new ArrayList<>(events);
        Collections.reverse(reversed);
        assertThat(hunt(BURST, reversed).get(0).burst().orElseThrow().events())
                .isEqualTo(hunt(BURST, events).get(0).burst().orElseThrow().events());
    }

    @Test
    void slidingWindowsLookBackFromEachEvent() {
        CompiledRule sliding = rule("sysmon:1", "match Image exists\n aggregate by Computer window sliding 60s"
                + " having count() gte 3");
        // three events within 60 s that straddle a minute boundary
        assertThat(hunt(sliding, burst("2024-01-01T00:00:40Z", "2024-01-01T00:01:00Z", "2024-01-01T00:01:20Z")))
                .hasSize(1);
        assertThat(hunt(sliding, burst("2024-01-01T00:00:00Z", "2024-01-01T00:01:00Z", "2024-01-01T00:02:00Z")))
                .isEmpty();
    }

    @Test
    void streamingClosesWindowsAtTheWatermarkAndCountsLateEvents() {
        Evaluator evaluator = new Evaluator(List.of(BURST), false);
        List<Alert> alerts = new ArrayList<>();
        for (Event e : burst("2024-01-01T00:02:01Z", "2024-01-01T00:02:30Z", "2024-01-01T00:03:00Z",
                "2024-01-01T00:03:59Z", "2024-01-01T00:05:00Z")) {
            evaluator.evaluate(e, alerts::add);
            evaluator.advance(Duration.ZERO, alerts::add);
        }
        assertThat(alerts).hasSize(1);
        evaluator.evaluate(sysmon1(9, "2024-01-01T00:02:59Z", "C:\\x.exe", "x"), alerts::add);
        assertThat(evaluator.lateEvents()).isEqualTo(1);
    }

    @Test
    void anotherHostsClockDoesNotCloseAWindow() {
        Instant[] now = {Instant.parse("2030-01-01T00:00:00Z")};
        Evaluator evaluator = new Evaluator(List.of(BURST), false, () -> now[0]);
        List<Alert> alerts = new ArrayList<>();
        List<Event> burst = burst("2024-01-01T00:02:01Z", "2024-01-01T00:02:30Z", "2024-01-01T00:03:00Z",
                "2024-01-01T00:03:59Z");
        evaluator.evaluate(burst.get(0), alerts::add);
        evaluator.evaluate(burst.get(1), alerts::add);
        // a second host, years ahead, arrives between the first host's events
        evaluator.evaluate(Event.builder("test", "record 7").put("EventID", "1")
                .put("Channel", "Microsoft-Windows-Sysmon/Operational").put("Computer", "HOST2")
                .put("TimeCreated", "2026-01-01T00:00:00Z").put("Image", "C:\\x.exe").build(), alerts::add);
        evaluator.advance(Duration.ofSeconds(30), alerts::add);
        evaluator.evaluate(burst.get(2), alerts::add);
        evaluator.evaluate(burst.get(3), alerts::add);
        evaluator.advance(Duration.ofSeconds(30), alerts::add);
        assertThat(alerts).isEmpty();
        assertThat(evaluator.lateEvents()).isZero();
        // the host falls silent: after size + lateness of wall-clock time its window closes
        now[0] = now[0].plusSeconds(151);
        evaluator.advance(Duration.ofSeconds(30), alerts::add);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).burst().orElseThrow().events()).hasSize(4);
    }
}
