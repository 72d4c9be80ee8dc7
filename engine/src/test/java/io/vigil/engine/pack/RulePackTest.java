package io.vigil.engine.pack;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.compiler.RuleCompiler;
import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.connectors.EventReaders;
import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.EventType;
import io.vigil.connectors.spi.EventSource;
import io.vigil.engine.alert.Alert;
import io.vigil.engine.eval.Evaluator;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The rule-pack contract: the bundled pack compiles with no diagnostics, every rule has matching
 * and non-matching fixtures (one of each event type for rules on both Sysmon 1 and Security
 * 4688), and every fixture gives the expected verdict when hunted with the whole pack.
 */
class RulePackTest {
    private static List<CompiledRule> pack;

    @BeforeAll
    static void compilePack() {
        RuleCompiler.Result result = RuleCompiler.check(RulePacks.bundled());
        assertThat(result.diagnostics()).isEmpty();
        pack = result.rules();
    }

    @Test
    void packHasTheTwentyTwoRules() {
        assertThat(pack).extracting(CompiledRule::id).containsExactlyInAnyOrder(
                "S1", "S2", "S3", "S4", "S5", "S6", "E1", "E2", "E3", "P1", "P2", "P3", "P4", "P5", "P6",
                "A1", "A2", "A3", "A4", "A5", "A6", "C1");
        for (CompiledRule rule : pack) {
            assertThat(rule.source().id()).as(rule.id() + " source id").isPresent();
            assertThat(rule.source().license()).as(rule.id() + " licence").isPresent();
            assertThat(rule.source().vendor()).isIn("sigma", "elastic", "splunk", "anvilogic");
        }
    }

    @Test
    void everyRuleHasFixturesOfEachKindAndEventType() throws IOException {
        Path root = fixtures();
        for (CompiledRule rule : pack) {
            List<Path> match = files(root.resolve(rule.id()).resolve("match"));
            List<Path> nomatch = files(root.resolve(rule.id()).resolve("nomatch"));
            assertThat(match).as(rule.id() + " match fixtures").isNotEmpty();
            assertThat(nomatch).as(rule.id() + " nomatch fixtures").isNotEmpty();
            Set<EventType> matchedTypes = new LinkedHashSet<>();
            for (Path f : match) {
                for (Event e : read(f)) {
                    matchedTypes.add(e.type());
                }
            }
            for (String type : rule.eventTypes()) {
                if (type.equals("sysmon:1") || type.equals("security:4688")) {
                    assertThat(matchedTypes).as(rule.id() + " has a matching fixture of " + type)
                            .contains(EventType.fromId(type));
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyFixtureGivesItsVerdict() throws IOException {
        Path root = fixtures();
        List<DynamicTest> tests = new ArrayList<>();
        for (CompiledRule rule : pack) {
            for (String kind : List.of("match", "nomatch")) {
                for (Path file : files(root.resolve(rule.id()).resolve(kind))) {
                    String name = rule.id() + "/" + kind + "/" + file.getFileName();
                    tests.add(DynamicTest.dynamicTest(name, () -> check(rule, kind.equals("match"), file)));
                }
            }
        }
        return tests.stream();
    }

    private static void check(CompiledRule rule, boolean shouldMatch, Path file) throws IOException {
        List<Event> events = read(file);
        assertThat(events).as("events in " + file).isNotEmpty();
        // hunt with the whole pack, as a user would, and keep this rule's alerts
        Evaluator evaluator = new Evaluator(pack, true);
        List<Alert> alerts = new ArrayList<>();
        for (Event e : events) {
            evaluator.evaluate(e, a -> {
                if (a.rule().id().equals(rule.id())) {
                    alerts.add(a);
                }
            });
        }
        evaluator.finish(a -> {
            if (a.rule().id().equals(rule.id())) {
                alerts.add(a);
            }
        });
        if (!shouldMatch) {
            assertThat(alerts).as(rule.id() + " must stay silent on " + file.getFileName()).isEmpty();
        } else if (rule.aggregation().isPresent() || file.getFileName().toString().startsWith("split-")) {
            // a burst, or a script block split across fragments, is reported once
            assertThat(alerts).as(rule.id() + " must fire exactly once on " + file.getFileName()).hasSize(1);
        } else {
            assertThat(alerts).as(rule.id() + " must fire on " + file.getFileName()).isNotEmpty();
        }
    }

    static List<Event> read(Path file) throws IOException {
        List<Event> events = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        try (EventSource source = EventReaders.open(file, (s, p, m) -> errors.add(s + " " + p + ": " + m))) {
            Event e;
            while ((e = source.next()) != null) {
                events.add(e);
            }
        } catch (io.vigil.connectors.DecodeException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        assertThat(errors).as("decode errors").isEmpty();
        return events;
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    static Path fixtures() {
        try {
            URI uri = RulePackTest.class.getClassLoader().getResource("fixtures").toURI();
            if ("jar".equals(uri.getScheme())) {
                try {
                    FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    // already open
                }
            }
            return Path.of(uri);
        } catch (URISyntaxException | IOException e) {
            throw new AssertionError(e);
        }
    }
}
