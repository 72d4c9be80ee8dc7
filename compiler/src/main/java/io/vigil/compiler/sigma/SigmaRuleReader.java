package io.vigil.compiler.sigma;

import static java.util.Objects.requireNonNull;

import io.vigil.compiler.ast.SigmaCondition;
import io.vigil.compiler.parser.SigmaConditionParser;
import io.vigil.compiler.source.Diagnostic;
import io.vigil.compiler.source.DiagnosticCode;
import io.vigil.compiler.source.RuleText;
import io.vigil.compiler.source.SourcePosition;
import io.vigil.compiler.yaml.SafeYaml;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads one Sigma rule file (YAML) into a {@link SigmaRule}, collecting every problem as a
 * {@link Diagnostic} placed at the YAML node it concerns (start mark plus one). Modifiers are
 * applied here, as pySigma applies them when it builds a detection item.
 */
public final class SigmaRuleReader {
    /** The levels a Sigma rule may have. */
    public static final List<String> LEVELS = List.of("informational", "low", "medium", "high", "critical");

    private final String sourceName;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private SigmaRuleReader(String sourceName) {
        this.sourceName = sourceName;
    }

    /** The rule when it was read without error, and every diagnostic (warnings included). */
    public record Result(Optional<SigmaRule> rule, List<Diagnostic> diagnostics) {
        public Result {
            requireNonNull(rule, "rule is null");
            diagnostics = List.copyOf(requireNonNull(diagnostics, "diagnostics is null"));
        }
    }

    public static Result read(RuleText source) {
        requireNonNull(source, "source is null");
        SigmaRuleReader reader = new SigmaRuleReader(source.sourceName());
        Optional<SigmaRule> rule;
        try {
            rule = reader.readText(source.text());
        } catch (StackOverflowError e) {
            reader.error(new SourcePosition(source.sourceName(), 1, 1), DiagnosticCode.RULE_TOO_LARGE,
                    "rule is too large (nesting too deep)");
            rule = Optional.empty();
        }
        boolean failed = reader.diagnostics.stream().anyMatch(Diagnostic::isError);
        return new Result(failed ? Optional.empty() : rule, reader.diagnostics);
    }

    private Optional<SigmaRule> readText(String text) {
        SafeYaml.Result yaml = SafeYaml.compose(sourceName, text);
        diagnostics.addAll(yaml.diagnostics());
        if (!yaml.diagnostics().isEmpty()) {
            return Optional.empty();
        }
        if (yaml.documents().isEmpty()) {
            error(new SourcePosition(sourceName, 1, 1), DiagnosticCode.MISSING_CLAUSE, "the file holds no rule");
            return Optional.empty();
        }
        if (yaml.documents().size() > 1) {
            error(at(yaml.documents().get(1)), DiagnosticCode.UNSUPPORTED_FEATURE,
                    "rule collections (several YAML documents in one file) are not supported; write one rule per file");
            return Optional.empty();
        }
        Node root = yaml.documents().get(0);
        if (!(root instanceof MappingNode map)) {
            error(at(root), DiagnosticCode.SYNTAX, "a Sigma rule is a YAML mapping (title, logsource, detection, ...)");
            return Optional.empty();
        }
        return rule(map);
    }

    private Optional<SigmaRule> rule(MappingNode root) {
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple t : SafeYaml.entries(sourceName, root, diagnostics)) {
            entries.put(((ScalarNode) t.getKeyNode()).getValue(), t);
        }
        for (String unsupported : List.of("correlation", "filter", "action")) {
            NodeTuple t = entries.get(unsupported);
            if (t != null) {
                String what = switch (unsupported) {
                    case "correlation" -> "Sigma correlation rules";
                    case "filter" -> "Sigma filters (meta rules)";
                    default -> "rule collections ('action: global|repeat|reset')";
                };
                error(at(t.getKeyNode()), DiagnosticCode.UNSUPPORTED_FEATURE, what + " are not supported");
            }
        }
        Optional<String> title = string(entries, "title");
        if (title.isEmpty() && !entries.containsKey("title")) {
            error(at(root), DiagnosticCode.MISSING_CLAUSE, "rule has no 'title'");
        } else if (title.isPresent() && title.get().isBlank()) {
            error(at(entries.get("title").getValueNode()), DiagnosticCode.INVALID_VALUE, "'title' is empty");
        }
        Optional<String> id = string(entries, "id");
        if (id.isPresent() && id.get().isBlank()) {
            error(at(entries.get("id").getValueNode()), DiagnosticCode.INVALID_VALUE, "'id' is empty");
        }
        Optional<String> level = string(entries, "level").map(l -> l.toLowerCase(Locale.ROOT));
        if (level.isPresent() && !LEVELS.contains(level.get())) {
            error(at(entries.get("level").getValueNode()), DiagnosticCode.INVALID_VALUE, "unknown level '"
                    + level.get() + "'. Expecting one of: " + String.join(", ", LEVELS));
        }
        List<String> tags = strings(entries, "tags");
        LogSource logsource = logsource(root, entries);
        Detections detection = detection(root, entries);
        if (title.isEmpty() || logsource == null || detection == null) {
            return Optional.empty();
        }
        return Optional.of(new SigmaRule(id, title.get(), string(entries, "status"), string(entries, "description"),
                string(entries, "author"), level, tags, string(entries, "license"), logsource, detection, at(root)));
    }

    // ---- logsource ----

    private LogSource logsource(MappingNode root, Map<String, NodeTuple> entries) {
        NodeTuple t = entries.get("logsource");
        if (t == null) {
            error(at(root), DiagnosticCode.MISSING_CLAUSE, "rule has no 'logsource'");
            return null;
        }
        Node value = t.getValueNode();
        if (SafeYaml.isNull(value)) {
            error(at(t.getKeyNode()), DiagnosticCode.MISSING_CLAUSE, "'logsource' is empty (null)");
            return null;
        }
        if (!(value instanceof MappingNode map)) {
            error(at(value), DiagnosticCode.SYNTAX, "'logsource' is a mapping of product, category and service");
            return null;
        }
        Map<String, NodeTuple> fields = new LinkedHashMap<>();
        for (NodeTuple e : SafeYaml.entries(sourceName, map, diagnostics)) {
            fields.put(((ScalarNode) e.getKeyNode()).getValue(), e);
        }
        Optional<String> product = string(fields, "product");
        Optional<String> category = string(fields, "category");
        Optional<String> service = string(fields, "service");
        if (product.isEmpty() && category.isEmpty() && service.isEmpty()) {
            error(at(t.getKeyNode()), DiagnosticCode.MISSING_CLAUSE,
                    "'logsource' names no product, category or service");
            return null;
        }
        return new LogSource(product, category, service, at(value));
    }

    // ---- detection ----

    private Detections detection(MappingNode root, Map<String, NodeTuple> entries) {
        NodeTuple t = entries.get("detection");
        if (t == null) {
            error(at(root), DiagnosticCode.MISSING_CLAUSE, "rule has no 'detection'");
            return null;
        }
        Node value = t.getValueNode();
        if (SafeYaml.isNull(value)) {
            String hint = entries.containsKey("condition")
                    ? " ('condition' is at the top level: are the detection's entries indented under it?)" : "";
            error(at(t.getKeyNode()), DiagnosticCode.MISSING_CLAUSE, "'detection' is empty (null)" + hint);
            return null;
        }
        if (!(value instanceof MappingNode map)) {
            error(at(value), DiagnosticCode.SYNTAX, "'detection' is a mapping of named detections and a 'condition'");
            return null;
        }
        Map<String, Detection> named = new LinkedHashMap<>();
        List<SigmaCondition> conditions = new ArrayList<>();
        NodeTuple conditionEntry = null;
        boolean ok = true;
        for (NodeTuple e : SafeYaml.entries(sourceName, map, diagnostics)) {
            String name = ((ScalarNode) e.getKeyNode()).getValue();
            if (name.equals("condition")) {
                conditionEntry = e;
            } else if (name.equals("timeframe")) {
                diagnostics.add(Diagnostic.warning(at(e.getKeyNode()), DiagnosticCode.UNSUPPORTED_FEATURE,
                        "'timeframe' without an aggregation is ignored"));
            } else {
                Detection d = definition(name, e.getKeyNode(), e.getValueNode());
                if (d == null) {
                    ok = false;
                } else {
                    named.put(name, d);
                }
            }
        }
        if (conditionEntry == null) {
            error(at(t.getKeyNode()), DiagnosticCode.MISSING_CLAUSE, "'detection' has no 'condition'");
            return null;
        }
        Node condition = conditionEntry.getValueNode();
        List<ScalarNode> texts = new ArrayList<>();
        if (condition instanceof ScalarNode s && !SafeYaml.isNull(s)) {
            texts.add(s);
        } else if (condition instanceof SequenceNode seq && !seq.getValue().isEmpty()) {
            for (Node item : seq.getValue()) {
                if (item instanceof ScalarNode s && !SafeYaml.isNull(s)) {
                    texts.add(s);
                } else {
                    error(at(item), DiagnosticCode.SYNTAX, "a condition is a text such as 'selection and not filter'");
                    ok = false;
                }
            }
        } else {
            error(at(conditionEntry.getKeyNode()), DiagnosticCode.MISSING_CLAUSE, "'condition' is empty");
            return null;
        }
        for (ScalarNode text : texts) {
            SigmaConditionParser.Result parsed = SigmaConditionParser.parse(text.getValue(), positionsOf(text));
            diagnostics.addAll(parsed.diagnostics());
            if (parsed.condition().isPresent()) {
                conditions.add(parsed.condition().get());
            } else {
                ok = false;
            }
        }
        if (named.isEmpty() && ok) {
            error(at(value), DiagnosticCode.MISSING_CLAUSE, "'detection' has no named detection besides 'condition'");
            return null;
        }
        return ok ? new Detections(named, conditions, at(value)) : null;
    }

    /** Maps a position inside a condition scalar to the file: exact for single-line text. */
    private SigmaConditionParser.Positions positionsOf(ScalarNode text) {
        SourcePosition start = at(text);
        ScalarStyle style = text.getScalarStyle();
        boolean quoted = style == ScalarStyle.SINGLE_QUOTED || style == ScalarStyle.DOUBLE_QUOTED;
        boolean block = style == ScalarStyle.LITERAL || style == ScalarStyle.FOLDED;
        return (line, column) -> {
            if (block) {
                return new SourcePosition(sourceName, start.line() + line, column + 1);
            }
            if (line == 1) {
                return new SourcePosition(sourceName, start.line(), start.column() + (quoted ? 1 : 0) + column);
            }
            return new SourcePosition(sourceName, start.line() + line - 1, column + 1);
        };
    }

    /** A named detection: a mapping (AND), a list of mappings (OR), or keywords. */
    private Detection definition(String name, Node key, Node value) {
        if (SafeYaml.isNull(value)) {
            error(at(key), DiagnosticCode.MISSING_CLAUSE, "detection '" + name + "' is empty (null)");
            return null;
        }
        return group(name, value);
    }

    private Detection group(String name, Node value) {
        if (value instanceof MappingNode map) {
            List<NodeTuple> entries = SafeYaml.entries(sourceName, map, diagnostics);
            if (entries.isEmpty()) {
                error(at(value), DiagnosticCode.MISSING_CLAUSE, "detection '" + name + "' is empty");
                return null;
            }
            List<DetectionNode> items = new ArrayList<>();
            boolean ok = true;
            for (NodeTuple e : entries) {
                DetectionItem item = item((ScalarNode) e.getKeyNode(), e.getValueNode());
                if (item == null) {
                    ok = false;
                } else {
                    items.add(item);
                }
            }
            return ok ? new Detection(items, Linking.AND, at(value)) : null;
        }
        if (value instanceof SequenceNode seq) {
            List<Node> elements = seq.getValue();
            if (elements.isEmpty()) {
                error(at(value), DiagnosticCode.MISSING_CLAUSE, "detection '" + name + "' is an empty list");
                return null;
            }
            long maps = elements.stream().filter(n -> n instanceof MappingNode).count();
            if (maps == elements.size()) {
                List<DetectionNode> groups = new ArrayList<>();
                boolean ok = true;
                for (Node element : elements) {
                    Detection d = group(name, element);
                    if (d == null) {
                        ok = false;
                    } else {
                        groups.add(d);
                    }
                }
                return ok ? new Detection(groups, Linking.OR, at(value)) : null;
            }
            if (maps > 0) {
                error(at(value), DiagnosticCode.SYNTAX, "detection '" + name
                        + "' mixes field mappings and plain keywords in one list");
                return null;
            }
            DetectionItem keywords = keywordItem(value, elements);
            return keywords == null ? null : new Detection(List.of(keywords), Linking.AND, at(value));
        }
        DetectionItem keyword = keywordItem(value, List.of(value));
        return keyword == null ? null : new Detection(List.of(keyword), Linking.AND, at(value));
    }

    private DetectionItem keywordItem(Node at, List<Node> elements) {
        List<SigmaValue> values = new ArrayList<>();
        for (Node element : elements) {
            SigmaValue v = scalarValue(element);
            if (v == null) {
                return null;
            }
            if (v instanceof SigmaNull) {
                error(at(element), DiagnosticCode.INVALID_VALUE, "a keyword cannot be null");
                return null;
            }
            values.add(asText(v));
        }
        return new DetectionItem(Optional.empty(), List.of(), values, Linking.OR, at(at));
    }

    /** {@code field|mod|mod: value(s)}: the modifiers are resolved and applied in order. */
    private DetectionItem item(ScalarNode key, Node value) {
        String text = key.getValue();
        String[] pieces = text.split("\\|", -1);
        Optional<String> field = pieces[0].isEmpty() ? Optional.empty() : Optional.of(pieces[0]);
        List<Modifier> modifiers = new ArrayList<>();
        List<SourcePosition> modifierPositions = new ArrayList<>();
        SourcePosition keyStart = at(key);
        int offset = keyStart.column() + (key.getScalarStyle() == ScalarStyle.PLAIN ? 0 : 1) + pieces[0].length() + 1;
        boolean ok = true;
        for (int i = 1; i < pieces.length; i++) {
            String id = pieces[i];
            SourcePosition position = new SourcePosition(sourceName, keyStart.line(), offset);
            offset += id.length() + 1;
            Optional<Modifier> modifier = Modifier.fromId(id);
            if (modifier.isPresent()) {
                modifiers.add(modifier.get());
                modifierPositions.add(position);
                continue;
            }
            ok = false;
            Optional<String> unsupported = Modifier.unsupportedReason(id);
            if (unsupported.isPresent()) {
                error(position, DiagnosticCode.UNSUPPORTED_FEATURE, "the " + unsupported.get() + " is not supported");
            } else {
                String suggestion = Modifier.suggest(id).map(s -> " (did you mean '" + s + "'?)").orElse("");
                error(position, DiagnosticCode.UNKNOWN_MODIFIER, "unknown modifier '" + id + "'" + suggestion);
            }
        }
        if (!ok) {
            return null;
        }
        if (field.isEmpty() && modifiers.contains(Modifier.EXISTS)) {
            error(modifierPositions.get(modifiers.indexOf(Modifier.EXISTS)), DiagnosticCode.INCOMPATIBLE_MODIFIER,
                    "'exists' needs a field");
            return null;
        }
        List<Node> valueNodes;
        if (value instanceof SequenceNode seq) {
            valueNodes = seq.getValue();
            if (valueNodes.isEmpty()) {
                error(at(value), DiagnosticCode.INVALID_VALUE, "'" + text + "' has an empty value list");
                return null;
            }
        } else {
            valueNodes = List.of(value);
        }
        boolean stringModifiers = false;
        for (Modifier m : modifiers) {
            if (m.kind() == Modifier.Kind.VALUE) {
                stringModifiers = takesText(m);
                break;
            }
        }
        List<SigmaValue> values = new ArrayList<>();
        for (Node n : valueNodes) {
            SigmaValue v = scalarValue(n);
            if (v == null) {
                return null;
            }
            if (field.isEmpty() && v instanceof SigmaNull) {
                error(at(n), DiagnosticCode.INVALID_VALUE, "a keyword cannot be null");
                return null;
            }
            values.add(stringModifiers || field.isEmpty() ? asText(v) : v);
        }
        Linking linking = Linking.OR;
        for (int i = 0; i < modifiers.size(); i++) {
            Modifier m = modifiers.get(i);
            if (m.kind() == Modifier.Kind.LIST) {
                linking = Linking.AND;
                continue;
            }
            Modifier.Context ctx = new Modifier.Context(modifiers.subList(0, i), field.isPresent());
            List<SigmaValue> next = new ArrayList<>(values.size());
            for (SigmaValue v : values) {
                try {
                    next.add(m.apply(v, ctx));
                } catch (ModifierException e) {
                    error(modifierPositions.get(i), e.code(), e.getMessage());
                    return null;
                }
            }
            values = next;
        }
        for (int i = 0; i < values.size(); i++) {
            if (!checkRegexes(values.get(i), at(valueNodes.get(i)))) {
                return null;
            }
        }
        return new DetectionItem(field, modifiers, values, linking, keyStart);
    }

    private boolean checkRegexes(SigmaValue v, SourcePosition position) {
        if (v instanceof SigmaRegex r && !r.placeholders()) {
            Optional<String> problem = Modifier.regexProblem(r.inlinePattern());
            if (problem.isPresent()) {
                error(position, DiagnosticCode.INVALID_REGEX, "regular expression not supported by RE2 (linear time): "
                        + problem.get());
                return false;
            }
        } else if (v instanceof SigmaExpansion e) {
            for (SigmaValue alt : e.values()) {
                if (!checkRegexes(alt, position)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Modifiers that read their value as text: a YAML number or boolean there is taken as written. */
    private static boolean takesText(Modifier m) {
        return switch (m) {
            case CONTAINS, STARTSWITH, ENDSWITH, WINDASH, RE, CIDR, BASE64, BASE64OFFSET, WIDE, UTF16LE, UTF16BE,
                    UTF16, CASED, FIELDREF, EXPAND -> true;
            case ALL, IGNORECASE, MULTILINE, DOTALL, EXISTS, GT, GTE, LT, LTE -> false;
        };
    }

    private static SigmaValue asText(SigmaValue v) {
        if (v instanceof SigmaNumber n) {
            return SigmaString.parse(n.text());
        }
        if (v instanceof SigmaBool b) {
            return SigmaString.parse(b.text());
        }
        return v;
    }

    /** A scalar value: string, number, boolean or null; anything else is reported. */
    private SigmaValue scalarValue(Node node) {
        if (SafeYaml.isNull(node)) {
            return SigmaNull.INSTANCE;
        }
        if (!(node instanceof ScalarNode s)) {
            error(at(node), DiagnosticCode.INVALID_VALUE,
                    "a detection value is a string, number, boolean or null (or a list of them)");
            return null;
        }
        String text = s.getValue();
        Tag tag = s.getTag();
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            BigDecimal number = number(text);
            return number == null ? SigmaString.parse(text) : new SigmaNumber(number, text);
        }
        if (Tag.BOOL.equals(tag)) {
            return new SigmaBool(text.equalsIgnoreCase("true"), text);
        }
        return SigmaString.parse(text);
    }

    /** YAML 1.2 core-schema numbers; infinities and NaN stay text. */
    private static BigDecimal number(String text) {
        String t = text.replace("_", "");
        try {
            if (t.startsWith("0x")) {
                return new BigDecimal(new BigInteger(t.substring(2), 16));
            }
            if (t.startsWith("0o")) {
                return new BigDecimal(new BigInteger(t.substring(2), 8));
            }
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---- scalars ----

    private Optional<String> string(Map<String, NodeTuple> entries, String key) {
        NodeTuple t = entries.get(key);
        if (t == null || SafeYaml.isNull(t.getValueNode())) {
            return Optional.empty();
        }
        Optional<String> text = SafeYaml.text(t.getValueNode());
        if (text.isEmpty()) {
            error(at(t.getValueNode()), DiagnosticCode.INVALID_VALUE, "'" + key + "' is a text");
        }
        return text;
    }

    private List<String> strings(Map<String, NodeTuple> entries, String key) {
        NodeTuple t = entries.get(key);
        if (t == null || SafeYaml.isNull(t.getValueNode())) {
            return List.of();
        }
        if (!(t.getValueNode() instanceof SequenceNode seq)) {
            error(at(t.getValueNode()), DiagnosticCode.INVALID_VALUE, "'" + key + "' is a list");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Node n : seq.getValue()) {
            Optional<String> text = SafeYaml.text(n);
            if (text.isEmpty()) {
                error(at(n), DiagnosticCode.INVALID_VALUE, "'" + key + "' holds texts");
            } else {
                out.add(text.get());
            }
        }
        return out;
    }

    private SourcePosition at(Node node) {
        return SafeYaml.position(sourceName, node);
    }

    private void error(SourcePosition position, DiagnosticCode code, String message) {
        diagnostics.add(new Diagnostic(position, code, message));
    }
}
