package io.vigil.compiler.mapping;

import io.vigil.compiler.source.Diagnostic;
import io.vigil.compiler.source.DiagnosticCode;
import io.vigil.compiler.source.RuleCompileException;
import io.vigil.compiler.source.RuleText;
import io.vigil.compiler.source.SourcePosition;
import io.vigil.compiler.yaml.SafeYaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads the Sigma mapping file ({@code mappings/windows.yml}) and the placeholder file
 * ({@code mappings/placeholders.yml}). Both are data; a mistake in them is reported with its
 * position and stops the load.
 *
 * <pre>
 * logsources:
 *   process_creation:                    # id, shown in messages
 *     product: windows
 *     category: process_creation
 *     event_types: [sysmon:1, security:4688]
 * fields:                                # renames on every event type
 *   Provider_Name: Provider
 * common_fields: [EventID, Channel, ...] # carried by every event type
 * event_types:
 *   security:4688:
 *     renames: {IntegrityLevel: MandatoryLabel}
 *     values: {IntegrityLevel: {System: S-1-16-16384}}
 *     fields: [NewProcessName, ...]
 * </pre>
 */
public final class MappingReader {
    private final String sourceName;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private MappingReader(String sourceName) {
        this.sourceName = sourceName;
    }

    public static MappingSet readMappings(RuleText source) throws RuleCompileException {
        MappingReader reader = new MappingReader(source.sourceName());
        MappingNode root = reader.root(source);
        MappingSet set = root == null ? null : reader.mappings(root);
        if (!reader.diagnostics.isEmpty() || set == null) {
            throw new RuleCompileException(reader.failures());
        }
        return set;
    }

    public static PlaceholderSet readPlaceholders(RuleText source) throws RuleCompileException {
        MappingReader reader = new MappingReader(source.sourceName());
        MappingNode root = reader.root(source);
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (root != null) {
            Map<String, NodeTuple> top = reader.entries(root);
            NodeTuple placeholders = top.get("placeholders");
            if (placeholders != null && !SafeYaml.isNull(placeholders.getValueNode())) {
                MappingNode map = reader.mapping(placeholders.getValueNode(), "placeholders");
                if (map != null) {
                    for (Map.Entry<String, NodeTuple> e : reader.entries(map).entrySet()) {
                        values.put(e.getKey(), reader.stringList(e.getValue().getValueNode(), e.getKey()));
                    }
                }
            }
        }
        if (!reader.diagnostics.isEmpty()) {
            throw new RuleCompileException(reader.failures());
        }
        return new PlaceholderSet(values, List.of(source.sourceName()));
    }

    private List<Diagnostic> failures() {
        return diagnostics.isEmpty()
                ? List.of(new Diagnostic(new SourcePosition(sourceName, 1, 1), DiagnosticCode.SYNTAX, "empty file"))
                : diagnostics;
    }

    private MappingNode root(RuleText source) {
        SafeYaml.Result yaml = SafeYaml.compose(source.sourceName(), source.text());
        diagnostics.addAll(yaml.diagnostics());
        if (!yaml.diagnostics().isEmpty() || yaml.documents().isEmpty()) {
            return null;
        }
        return mapping(yaml.documents().get(0), "the file");
    }

    private MappingSet mappings(MappingNode root) {
        Map<String, NodeTuple> top = entries(root);
        List<LogSourceMapping> logsources = new ArrayList<>();
        MappingNode ls = top.containsKey("logsources") ? mapping(top.get("logsources").getValueNode(), "logsources")
                : null;
        if (ls == null) {
            error(root, "missing 'logsources'");
            return null;
        }
        for (Map.Entry<String, NodeTuple> e : entries(ls).entrySet()) {
            MappingNode m = mapping(e.getValue().getValueNode(), e.getKey());
            if (m == null) {
                continue;
            }
            Map<String, NodeTuple> f = entries(m);
            List<String> types = f.containsKey("event_types")
                    ? stringList(f.get("event_types").getValueNode(), "event_types") : List.of();
            if (types.isEmpty()) {
                error(m, "logsource '" + e.getKey() + "' names no event_types");
                continue;
            }
            for (String t : types) {
                if (!MappingSet.EVENT_TYPES.contains(t)) {
                    error(f.get("event_types").getValueNode(), "unknown event type '" + t + "'. Expecting one of: "
                            + String.join(", ", MappingSet.EVENT_TYPES));
                }
            }
            logsources.add(new LogSourceMapping(e.getKey(), optional(f, "product"), optional(f, "category"),
                    optional(f, "service"), types));
        }
        Map<String, String> renames = top.containsKey("fields")
                ? stringMap(top.get("fields").getValueNode(), "fields") : Map.of();
        List<String> common = top.containsKey("common_fields")
                ? stringList(top.get("common_fields").getValueNode(), "common_fields") : List.of();
        Map<String, EventTypeMapping> eventTypes = new LinkedHashMap<>();
        if (top.containsKey("event_types")) {
            MappingNode et = mapping(top.get("event_types").getValueNode(), "event_types");
            if (et != null) {
                for (Map.Entry<String, NodeTuple> e : entries(et).entrySet()) {
                    if (!MappingSet.EVENT_TYPES.contains(e.getKey())) {
                        error(e.getValue().getKeyNode(), "unknown event type '" + e.getKey() + "'");
                        continue;
                    }
                    MappingNode m = mapping(e.getValue().getValueNode(), e.getKey());
                    if (m == null) {
                        continue;
                    }
                    Map<String, NodeTuple> f = entries(m);
                    Map<String, Map<String, String>> values = new LinkedHashMap<>();
                    if (f.containsKey("values")) {
                        MappingNode v = mapping(f.get("values").getValueNode(), "values");
                        if (v != null) {
                            for (Map.Entry<String, NodeTuple> ve : entries(v).entrySet()) {
                                values.put(ve.getKey(), stringMap(ve.getValue().getValueNode(), ve.getKey()));
                            }
                        }
                    }
                    eventTypes.put(e.getKey(), new EventTypeMapping(e.getKey(),
                            f.containsKey("renames") ? stringMap(f.get("renames").getValueNode(), "renames") : Map.of(),
                            values,
                            f.containsKey("fields") ? stringList(f.get("fields").getValueNode(), "fields") : List.of()));
                }
            }
        }
        if (!diagnostics.isEmpty()) {
            return null;
        }
        MappingSet set = new MappingSet(sourceName, logsources, renames, eventTypes, common);
        checkExclusiveRenames(set, root);
        return set;
    }

    /**
     * A field read under different names on the event types of one logsource is tested under all
     * of them; that is only exact when no event type carries a name the others read the field under.
     */
    private void checkExclusiveRenames(MappingSet set, Node root) {
        for (LogSourceMapping ls : set.logsources()) {
            List<String> fields = new ArrayList<>();
            for (String type : ls.eventTypes()) {
                EventTypeMapping m = set.eventTypes().get(type);
                if (m != null) {
                    fields.addAll(m.renames().keySet());
                }
            }
            for (String field : fields) {
                for (String type : ls.eventTypes()) {
                    String name = set.target(field, type).name();
                    for (String other : ls.eventTypes()) {
                        EventTypeMapping om = set.eventTypes().get(other);
                        if (other.equals(type) || om == null || set.target(field, other).name().equals(name)) {
                            continue;
                        }
                        if (om.fields().contains(name) || set.commonFields().contains(name)) {
                            error(root, "logsource '" + ls.id() + "': field '" + field + "' is read as '" + name
                                    + "' on " + type + ", but " + other + " carries a field of that name too");
                        }
                    }
                }
            }
        }
    }

    private Optional<String> optional(Map<String, NodeTuple> f, String key) {
        NodeTuple t = f.get(key);
        return t == null ? Optional.empty() : SafeYaml.text(t.getValueNode());
    }

    private Map<String, NodeTuple> entries(MappingNode map) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : SafeYaml.entries(sourceName, map, diagnostics)) {
            out.put(((ScalarNode) t.getKeyNode()).getValue(), t);
        }
        return out;
    }

    private MappingNode mapping(Node node, String what) {
        if (node instanceof MappingNode m) {
            return m;
        }
        error(node, "'" + what + "' must be a mapping");
        return null;
    }

    private List<String> stringList(Node node, String what) {
        if (SafeYaml.isNull(node)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode seq)) {
            error(node, "'" + what + "' must be a list");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Node n : seq.getValue()) {
            Optional<String> text = SafeYaml.text(n);
            if (text.isEmpty()) {
                error(n, "'" + what + "' holds texts");
            } else {
                out.add(text.get());
            }
        }
        return out;
    }

    private Map<String, String> stringMap(Node node, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        if (SafeYaml.isNull(node)) {
            return out;
        }
        MappingNode m = mapping(node, what);
        if (m == null) {
            return out;
        }
        for (Map.Entry<String, NodeTuple> e : entries(m).entrySet()) {
            Optional<String> text = SafeYaml.text(e.getValue().getValueNode());
            if (text.isEmpty()) {
                error(e.getValue().getValueNode(), "'" + e.getKey() + "' must be a text");
            } else {
                out.put(e.getKey(), text.get());
            }
        }
        return out;
    }

    private void error(Node node, String message) {
        diagnostics.add(new Diagnostic(SafeYaml.position(sourceName, node), DiagnosticCode.INVALID_VALUE, message));
    }
}
