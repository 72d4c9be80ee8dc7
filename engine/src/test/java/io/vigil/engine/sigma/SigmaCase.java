package io.vigil.engine.sigma;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.compiler.RuleCompiler;
import io.vigil.compiler.predicate.CompiledRule;
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
import io.vigil.engine.realdata.SharedData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;

/**
 * A conformance case of the shared folder ({@code cases/BR-xx.json}) in its Sigma form: the case's
 * Sigma {@code detection} is written out as YAML rules at test time (one per selection, with that
 * selection as its condition, and one with the case's own condition), compiled through the Sigma
 * path with the bundled mapping, and run on the case's events, decoded by the production readers.
 */
final class SigmaCase {
    static final String CONDITION = "condition";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String id;
    private final JsonNode root;
    private final Map<String, String> yaml;
    private final Map<String, CompiledRule> rules;
    private final List<Event> events;

    private SigmaCase(String id, JsonNode root, Map<String, String> yaml, Map<String, CompiledRule> rules,
            List<Event> events) {
        this.id = id;
        this.root = root;
        this.yaml = yaml;
        this.rules = rules;
        this.events = events;
    }

    static JsonNode read(String id) {
        Path file = SharedData.root().resolve("cases").resolve(id + ".json");
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SigmaCase load(String id) {
        JsonNode root = read(id);
        JsonNode rule = root.get("rule");
        JsonNode detection = rule.get("detection");
        Map<String, String> yaml = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : detection.properties()) {
            if (!e.getKey().equals(CONDITION)) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put(e.getKey(), plain(e.getValue()));
                d.put(CONDITION, e.getKey());
                yaml.put(e.getKey(), ruleYaml(id, e.getKey(), rule, d));
            }
        }
        yaml.put(CONDITION, ruleYaml(id, CONDITION, rule, plain(detection)));
        List<RuleText> texts = new ArrayList<>();
        for (Map.Entry<String, String> e : yaml.entrySet()) {
            texts.add(new RuleText("cases/" + id + "/" + e.getKey() + ".yml", e.getValue()));
        }
        RuleCompiler.Result result = RuleCompiler.check(texts, SigmaHq.config());
        List<Diagnostic> errors = result.errors();
        if (!errors.isEmpty()) {
            throw new AssertionError("the Sigma form of " + id + " does not compile: " + errors + "\n" + yaml);
        }
        Map<String, CompiledRule> rules = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(yaml.keySet());
        for (int i = 0; i < names.size(); i++) {
            rules.put(names.get(i), result.rules().get(i));
        }
        List<Event> events = new ArrayList<>();
        int index = 0;
        for (JsonNode event : root.get("events")) {
            events.add(decode(id, index++, event));
        }
        return new SigmaCase(id, root, yaml, rules, events);
    }

    /** One Sigma rule file: the case's title and logsource, and a detection. */
    static String ruleYaml(String caseId, String name, JsonNode rule, Object detection) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("title", rule.get("title").asText() + " (" + name + ")");
        doc.put("id", caseId + "/" + name);
        doc.put("level", "informational");
        doc.put("logsource", plain(rule.get("logsource")));
        doc.put("detection", detection);
        return new Dump(DumpSettings.builder().build()).dumpToString(doc);
    }

    /** A Jackson tree as plain maps, lists, strings, numbers, booleans and nulls (for the YAML dumper). */
    static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                out.put(e.getKey(), plain(e.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>();
            for (JsonNode item : node) {
                out.add(plain(item));
            }
            return out;
        }
        if (node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        return node.asText();
    }

    String id() {
        return id;
    }

    JsonNode expected() {
        return root.get("expected");
    }

    CompiledRule rule(String name) {
        CompiledRule rule = rules.get(name);
        assertThat(rule).as("%s has a selection %s", id, name).isNotNull();
        return rule;
    }

    String yaml(String name) {
        return yaml.get(name);
    }

    Event event(int index) {
        return events.get(index);
    }

    List<Event> events() {
        return events;
    }

    /** One test per expected truth value of {@code expected.per_event}, plus event-type routing of the condition. */
    Stream<DynamicNode> truthTable() {
        List<DynamicNode> nodes = new ArrayList<>();
        for (JsonNode expectation : expected().get("per_event")) {
            int index = expectation.get("event").asInt();
            Event event = events.get(index);
            List<DynamicTest> tests = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : expectation.properties()) {
                if (field.getKey().equals("match")) {
                    boolean expected = field.getValue().asBoolean();
                    tests.add(truth(index, event, CONDITION, expected));
                    tests.add(dynamicTest("Evaluator raises " + (expected ? "an alert" : "no alert"), () -> {
                        Evaluator evaluator = new Evaluator(List.of(rule(CONDITION)), true);
                        List<Alert> alerts = new ArrayList<>();
                        evaluator.evaluate(event, alerts::add);
                        evaluator.finish(alerts::add);
                        assertThat(alerts).as(id + " event " + index + ": " + event).hasSize(expected ? 1 : 0);
                    }));
                } else if (field.getKey().equals("selections")) {
                    for (Map.Entry<String, JsonNode> s : field.getValue().properties()) {
                        tests.add(truth(index, event, s.getKey(), s.getValue().asBoolean()));
                    }
                }
            }
            nodes.add(dynamicContainer("event " + index + " [" + event.type().id() + "]", tests));
        }
        return nodes.stream();
    }

    private DynamicTest truth(int index, Event event, String name, boolean expected) {
        return dynamicTest(name + " is " + expected, () -> {
            CompiledRule rule = rule(name);
            assertThat(Evaluator.matches(rule, event)).as(id + " event " + index + ": " + name + "\nYAML:\n"
                    + yaml.get(name) + "predicate:\n" + PredicateFormatter.format(rule.predicate()) + "event: " + event)
                    .isEqualTo(expected);
        });
    }

    static Event decode(String id, int index, JsonNode event) {
        String format = event.get("format").asText();
        JsonNode data = event.get("data");
        String source = "cases/" + id + ".json";
        String position = "events[" + index + "]";
        try {
            if (format.equals("xml")) {
                try (EventSource reader = EventReaders.open(new ByteArrayInputStream(data.asText().getBytes(UTF_8)),
                        source + " " + position, (s, p, m) -> {
                            throw new AssertionError(s + " " + p + ": " + m);
                        })) {
                    return reader.next();
                }
            }
            return JsonEventDecoder.decode(MAPPER.writeValueAsString(data), source, position);
        } catch (DecodeException | IOException e) {
            throw new AssertionError(source + " " + position + " does not decode: " + e.getMessage(), e);
        }
    }
}
