package io.vigil.engine.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.connectors.DecodeException;
import io.vigil.connectors.EventReaders;
import io.vigil.connectors.spi.EventSource;
import io.vigil.engine.alert.Alert;
import io.vigil.engine.hunt.HuntService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * SigmaHQ's own regression suite: for each rule with data in {@code sigma/sigmahq-regression},
 * hunting its events with only that rule loaded raises exactly the expected number of alerts.
 *
 * <p>Each test case has an {@code info.yml} (the rule id, and per test the expected
 * {@code match_count} and the {@code regression_data/...evtx} path) and, beside the .evtx, the
 * same events as evtx_dump JSON. Where an {@code info.yml} gives no {@code match_count}, SigmaHQ's
 * runner only asks for a match; every event of those files is a positive (twelve hold one event,
 * two hold two, and the GitHub runner case says both of its events match), so the test expects one
 * alert per event there. The JSON is hunted always; the .evtx once Vigil reads binary EVTX.
 */
class SigmaRegressionTest {
    /** The number of rules with regression data in the shared folder. */
    static final int CASES = 90;

    /** One regression test: the rule, the expected count, and the event files. */
    record Case(String ruleId, String title, String name, int matchCount, boolean stated, Path evtx, Path json) {
        @Override
        public String toString() {
            return name + " (" + ruleId + ")";
        }
    }

    @Test
    void findsTheNinetyRulesWithRegressionData() {
        List<Case> cases = cases();
        assertThat(cases.stream().map(Case::ruleId).distinct()).hasSize(CASES);
        Map<String, CompiledRule> rules = SigmaHq.byId();
        for (Case c : cases) {
            assertThat(rules).as("a loaded SigmaHQ rule for %s", c).containsKey(c.ruleId());
        }
    }

    @TestFactory
    Stream<DynamicTest> matchesTheExpectedCountOnTheJsonEvents() {
        Map<String, CompiledRule> rules = SigmaHq.byId();
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            tests.add(DynamicTest.dynamicTest(c.toString(), () -> {
                CompiledRule rule = rules.get(c.ruleId());
                assertThat(rule).as("rule %s is loaded", c.ruleId()).isNotNull();
                assertThat(alerts(rule, c.json())).as("%s '%s' on %s", c.name(), c.title(), c.json().getFileName())
                        .isEqualTo(c.matchCount());
            }));
        }
        return tests.stream();
    }

    /** The same on the binary .evtx files, once {@link EventReaders} reads them. */
    @TestFactory
    Stream<DynamicTest> matchesTheExpectedCountOnTheEvtxFiles() {
        List<Case> cases = cases();
        Assumptions.assumeTrue(readsEvtx(cases.get(0).evtx()), "binary .evtx is not read yet");
        Map<String, CompiledRule> rules = SigmaHq.byId();
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases) {
            tests.add(DynamicTest.dynamicTest(c.toString(), () -> {
                CompiledRule rule = rules.get(c.ruleId());
                assertThat(rule).as("rule %s is loaded", c.ruleId()).isNotNull();
                assertThat(alerts(rule, c.evtx())).as("%s '%s' on %s", c.name(), c.title(), c.evtx().getFileName())
                        .isEqualTo(c.matchCount());
            }));
        }
        return tests.stream();
    }

    /** Alerts of one rule hunting one file with only that rule loaded. */
    static long alerts(CompiledRule rule, Path file) throws IOException {
        List<Alert> alerts = new ArrayList<>();
        HuntService.Result result = HuntService.builder().rules(List.of(rule)).build().hunt(List.of(file), alerts::add);
        assertThat(result.unreadableFiles()).as("unreadable files").isZero();
        assertThat(result.unreadableRecords()).as("unreadable records").isZero();
        return alerts.stream().filter(a -> a.rule().id().equals(rule.id())).count();
    }

    /** The number of events in a file. */
    static int events(Path file) {
        int n = 0;
        try (EventSource source = EventReaders.open(file, (s, p, m) -> { })) {
            while (source.next() != null) {
                n++;
            }
        } catch (DecodeException | IOException e) {
            throw new AssertionError(file + " is not readable: " + e.getMessage(), e);
        }
        return n;
    }

    static boolean readsEvtx(Path evtx) {
        try (EventSource source = EventReaders.open(evtx, (s, p, m) -> { })) {
            return source.next() != null;
        } catch (DecodeException | IOException | RuntimeException e) {
            return false;
        }
    }

    /** Every test of every {@code info.yml}, in path order. */
    @SuppressWarnings("unchecked")
    static List<Case> cases() {
        Path root = SigmaHq.regressionDir();
        List<Path> infos;
        try (Stream<Path> walk = Files.walk(root)) {
            infos = walk.filter(p -> p.getFileName().toString().equals("info.yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Load load = new Load(LoadSettings.builder().build());
        List<Case> cases = new ArrayList<>();
        for (Path info : infos) {
            Map<String, Object> doc;
            try {
                doc = (Map<String, Object>) load.loadFromString(Files.readString(info, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, Object> meta = ((List<Map<String, Object>>) doc.get("rule_metadata")).get(0);
            String ruleId = String.valueOf(meta.get("id"));
            String title = String.valueOf(meta.get("title"));
            for (Map<String, Object> test : (List<Map<String, Object>>) doc.get("regression_tests_info")) {
                String path = String.valueOf(test.get("path"));
                String relative = path.startsWith("regression_data/") ? path.substring("regression_data/".length())
                        : path;
                Path evtx = root.resolve(relative);
                Path json = evtx.resolveSibling(evtx.getFileName().toString().replaceFirst("\\.evtx$", ".json"));
                Object count = test.get("match_count");
                int matchCount = count == null ? events(json) : ((Number) count).intValue();
                cases.add(new Case(ruleId, title, info.getParent().getFileName().toString(), matchCount,
                        count != null, evtx, json));
            }
        }
        return cases;
    }
}
