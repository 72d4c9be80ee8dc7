package io.vigil.engine.conformance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.compiler.RuleCompiler;
import io.vigil.compiler.predicate.And;
import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.compiler.predicate.Constant;
import io.vigil.compiler.predicate.FieldPredicate;
import io.vigil.compiler.predicate.Not;
import io.vigil.compiler.predicate.Or;
import io.vigil.compiler.predicate.Predicate;
import io.vigil.compiler.predicate.PredicateFormatter;
import io.vigil.compiler.source.Diagnostic;
import io.vigil.compiler.source.RuleText;
import io.vigil.connectors.DecodeException;
import io.vigil.connectors.EventReaders;
import io.vigil.connectors.event.Event;
import io.vigil.connectors.json.JsonEventDecoder;
import io.vigil.connectors.spi.EventSource;
import io.vigil.engine.alert.Alert;
import io.vigil.engine.eval.Evaluator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * One conformance case of the shared folder ({@code cases/BR-xx.json}) together with its hand
 * translation into the rule language: one {@code .rule} file per Sigma selection plus
 * {@code condition.rule} for the case's condition (for a case with rule variants, one
 * {@code variant_X.rule} per variant), under the test resources {@code conformance/BR-xx/}.
 *
 * <p>The case file is read from the shared folder at test time, never copied into the repository.
 * Its events are decoded with the production connectors, and its {@code expected.per_event}
 * table becomes one dynamic test per (event, selection): {@code match} is checked against
 * {@code condition.rule}, each entry of {@code selections} against the rule of that name, and
 * any other boolean key (BR-18's {@code variant_A}) against the rule of that name.
 */
final class ConformanceCase {
    /** The rule that stands for a case's {@code condition}, and the key of its expected value. */
    static final String CONDITION = "condition";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String id;
    private final JsonNode root;
    private final List<String> expectedRuleNames;
    private final List<String> ruleFileNames;
    private final Map<String, CompiledRule> rules;
    private final List<Event> events;

    private ConformanceCase(String id, JsonNode root, List<String> expectedRuleNames, List<String> ruleFileNames,
            Map<String, CompiledRule> rules, List<Event> events) {
        this.id = requireNonNull(id, "id is null");
        this.root = requireNonNull(root, "root is null");
        this.expectedRuleNames = List.copyOf(expectedRuleNames);
        this.ruleFileNames = List.copyOf(ruleFileNames);
        this.rules = rules;
        this.events = List.copyOf(events);
    }

    /** Reads the case file, compiles its translated rules and decodes its events. */
    static ConformanceCase load(String id) {
        JsonNode root = readCase(id);
        List<String> ruleFileNames = new ArrayList<>();
        List<RuleText> texts = new ArrayList<>();
        for (Path file : ruleFiles(id)) {
            String name = file.getFileName().toString();
            ruleFileNames.add(name.substring(0, name.length() - ".rule".length()));
            try {
                texts.add(new RuleText("conformance/" + id + "/" + name, Files.readString(file, UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        RuleCompiler.Result result = RuleCompiler.check(texts);
        if (!result.diagnostics().isEmpty()) {
            StringBuilder sb = new StringBuilder("the translated rules of " + id + " do not compile:");
            for (Diagnostic d : result.diagnostics()) {
                sb.append('\n').append(d);
            }
            throw new AssertionError(sb.toString());
        }
        Map<String, CompiledRule> rules = new LinkedHashMap<>();
        for (int i = 0; i < ruleFileNames.size(); i++) {
            CompiledRule rule = result.rules().get(i);
            String name = ruleFileNames.get(i);
            if (!rule.id().equals(id + "/" + name)) {
                throw new AssertionError("conformance/" + id + "/" + name + ".rule declares rule '" + rule.id()
                        + "', expected '" + id + "/" + name + "'");
            }
            rules.put(name, rule);
        }
        List<Event> events = new ArrayList<>();
        int index = 0;
        for (JsonNode event : root.get("events")) {
            events.add(decode(id, index++, event));
        }
        return new ConformanceCase(id, root, expectedRuleNames(root), ruleFileNames, rules, events);
    }

    String id() {
        return id;
    }

    /** The case's {@code rule} object (Sigma-shaped). */
    JsonNode sigmaRule() {
        return root.get("rule");
    }

    /** The case's {@code expected} object. */
    JsonNode expected() {
        return root.get("expected");
    }

    List<Event> events() {
        return events;
    }

    Event event(int index) {
        return events.get(index);
    }

    /** The translated rule of a selection, of the condition ({@link #CONDITION}) or of a variant. */
    CompiledRule rule(String name) {
        CompiledRule rule = rules.get(name);
        if (rule == null) {
            throw new AssertionError("no rule file conformance/" + id + "/" + name + ".rule");
        }
        return rule;
    }

    /** Runs one rule's predicate on an event ({@link Evaluator#matches}: the events clause is not checked). */
    boolean matches(String ruleName, Event event) {
        return Evaluator.matches(rule(ruleName), event);
    }

    /**
     * Runs one rule through a full {@link Evaluator}, which only tests the rules whose events
     * clause names the event's type, and returns the alerts raised.
     */
    List<Alert> evaluate(String ruleName, Event event) {
        Evaluator evaluator = new Evaluator(List.of(rule(ruleName)), true);
        List<Alert> alerts = new ArrayList<>();
        evaluator.evaluate(event, alerts::add);
        evaluator.finish(alerts::add);
        return alerts;
    }

    /**
     * The case's truth table: first a check that every Sigma selection has exactly one rule file,
     * then one container per event of {@code expected.per_event} holding one test per expected
     * truth value.
     */
    Stream<DynamicNode> truthTable() {
        List<DynamicNode> nodes = new ArrayList<>();
        nodes.add(dynamicTest(id + " has one rule file per selection " + expectedRuleNames,
                () -> assertThat(ruleFileNames).as("rule files under conformance/%s/", id)
                        .containsExactlyInAnyOrderElementsOf(expectedRuleNames)));
        for (JsonNode expectation : expected().get("per_event")) {
            int index = expectation.get("event").asInt();
            Event event = events.get(index);
            List<DynamicTest> tests = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : expectation.properties()) {
                String key = field.getKey();
                JsonNode value = field.getValue();
                if (key.equals("match")) {
                    tests.add(truthTest(index, event, CONDITION, value.asBoolean()));
                    tests.add(routingTest(index, event, value.asBoolean()));
                } else if (key.equals("selections")) {
                    for (Map.Entry<String, JsonNode> selection : value.properties()) {
                        tests.add(truthTest(index, event, selection.getKey(), selection.getValue().asBoolean()));
                    }
                } else if (value.isBoolean()) {
                    tests.add(truthTest(index, event, key, value.asBoolean()));
                }
            }
            nodes.add(dynamicContainer(describe(index), tests));
        }
        return nodes.stream();
    }

    /**
     * One test per expected field value of a decoded event: a JSON string must be the field's
     * exact text, a JSON number the field's decimal value, JSON null a present-but-null field.
     */
    Stream<DynamicTest> fieldTests(int index, JsonNode expectedFields) {
        Event event = events.get(index);
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : expectedFields.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            tests.add(dynamicTest(describe(index) + ": " + name + " = " + value, () -> {
                String description = id + " " + describe(index) + " field " + name + " of " + event;
                if (value.isNull()) {
                    assertThat(event.isNull(name)).as(description).isTrue();
                } else if (value.isNumber()) {
                    assertThat(event.get(name)).as(description).isNotNull();
                    assertThat(new BigDecimal(event.get(name))).as(description).isEqualByComparingTo(value.decimalValue());
                } else {
                    assertThat(event.get(name)).as(description).isEqualTo(value.asText());
                }
            }));
        }
        return tests.stream();
    }

    /** The leaves of a rule's predicate tree, depth first. */
    static List<FieldPredicate> leaves(Predicate predicate) {
        List<FieldPredicate> leaves = new ArrayList<>();
        collectLeaves(predicate, leaves);
        return leaves;
    }

    /** A readable name for an event: its index, format, type and record id. */
    String describe(int index) {
        Event event = events.get(index);
        String format = root.get("events").get(index).get("format").asText();
        String record = event.recordId() >= 0 ? ", record " + event.recordId() : "";
        return "event " + index + " [" + format + ", " + event.type().id() + record + "]";
    }

    private DynamicTest truthTest(int index, Event event, String ruleName, boolean expected) {
        String label = ruleName.equals(CONDITION) ? "match (condition: " + sigmaCondition() + ")" : ruleName;
        return dynamicTest(label + " is " + expected, () -> {
            CompiledRule rule = rule(ruleName);
            assertThat(Evaluator.matches(rule, event))
                    .as(id + " " + describe(index) + ": " + label + "\nrule:\n" + PredicateFormatter.format(rule.predicate())
                            + "event: " + event)
                    .isEqualTo(expected);
        });
    }

    private DynamicTest routingTest(int index, Event event, boolean expected) {
        String label = "Evaluator.evaluate routes it by event type and raises " + (expected ? "an alert" : "no alert");
        return dynamicTest(label, () -> {
            CompiledRule rule = rule(CONDITION);
            List<Alert> alerts = evaluate(CONDITION, event);
            String description = id + " " + describe(index) + ": " + label + " (rule events " + rule.eventTypes()
                    + ")\nevent: " + event;
            if (expected) {
                assertThat(alerts).as(description).hasSize(1);
                assertThat(alerts.get(0).rule().id()).isEqualTo(rule.id());
                assertThat(alerts.get(0).event()).isSameAs(event);
            } else {
                assertThat(alerts).as(description).isEmpty();
            }
        });
    }

    private String sigmaCondition() {
        JsonNode condition = sigmaRule().path("detection").path("condition");
        return condition.isMissingNode() ? CONDITION : condition.asText();
    }

    private static void collectLeaves(Predicate predicate, List<FieldPredicate> leaves) {
        if (predicate instanceof FieldPredicate f) {
            leaves.add(f);
        } else if (predicate instanceof And a) {
            for (Predicate t : a.terms()) {
                collectLeaves(t, leaves);
            }
        } else if (predicate instanceof Or o) {
            for (Predicate t : o.terms()) {
                collectLeaves(t, leaves);
            }
        } else if (predicate instanceof Not n) {
            collectLeaves(n.term(), leaves);
        } else if (!(predicate instanceof Constant)) {
            throw new IllegalStateException("unhandled node: " + predicate);
        }
    }

    /** Selection names in case order, then {@code condition}; or {@code variant_A, variant_B, ...}. */
    private static List<String> expectedRuleNames(JsonNode root) {
        JsonNode rule = root.get("rule");
        List<String> names = new ArrayList<>();
        if (rule.has("variants")) {
            for (int i = 0; i < rule.get("variants").size(); i++) {
                names.add("variant_" + (char) ('A' + i));
            }
            return names;
        }
        for (Map.Entry<String, JsonNode> selection : rule.get("detection").properties()) {
            if (!selection.getKey().equals(CONDITION)) {
                names.add(selection.getKey());
            }
        }
        names.add(CONDITION);
        return names;
    }

    private static Event decode(String id, int index, JsonNode event) {
        String format = event.get("format").asText();
        JsonNode data = event.get("data");
        String source = "cases/" + id + ".json";
        String position = "events[" + index + "]";
        try {
            if (format.equals("xml")) {
                return decodeXml(data.asText(), source, position);
            }
            if (format.startsWith("json") || format.endsWith("-json")) {
                return JsonEventDecoder.decode(MAPPER.writeValueAsString(data), source, position);
            }
        } catch (DecodeException | IOException e) {
            throw new AssertionError(source + " " + position + " (" + format + ") does not decode: " + e.getMessage(), e);
        }
        throw new IllegalStateException(source + " " + position + ": unknown event format '" + format + "'");
    }

    /** Reads one XML record through {@link EventReaders}; any decode error or extra record fails. */
    private static Event decodeXml(String xml, String source, String position) throws IOException, DecodeException {
        List<String> errors = new ArrayList<>();
        try (EventSource reader = EventReaders.open(new ByteArrayInputStream(xml.getBytes(UTF_8)),
                source + " " + position, (s, p, message) -> errors.add(s + " " + p + ": " + message))) {
            Event event = reader.next();
            Event extra = reader.next();
            if (event == null || extra != null || !errors.isEmpty()) {
                throw new AssertionError(source + " " + position + " is not exactly one XML event: first=" + event
                        + ", second=" + extra + ", errors=" + errors);
            }
            return event;
        }
    }

    private static JsonNode readCase(String id) {
        Path file = sharedDir().resolve("cases").resolve(id + ".json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("conformance case not found: " + file.toAbsolutePath()
                    + " (set -Dvigil.shared.dir to the shared folder)");
        }
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code vigil.shared.dir} (set by Surefire), else {@code ../../shared} from the engine module. */
    private static Path sharedDir() {
        String property = System.getProperty("vigil.shared.dir");
        if (property != null && !property.isBlank()) {
            return Paths.get(property);
        }
        return Paths.get("..", "..", "shared");
    }

    /** The {@code .rule} files of a case, in name order. */
    private static List<Path> ruleFiles(String id) {
        URL url = ConformanceCase.class.getResource("/conformance/" + id);
        if (url == null) {
            throw new IllegalStateException("no test resources conformance/" + id + "/");
        }
        try (Stream<Path> files = Files.list(Paths.get(url.toURI()))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".rule")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
