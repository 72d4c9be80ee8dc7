package io.vigil.compiler.yaml;

import static java.util.Objects.requireNonNull;

import io.vigil.compiler.source.Diagnostic;
import io.vigil.compiler.source.DiagnosticCode;
import io.vigil.compiler.source.SourcePosition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Untrusted YAML, read safely: documents are only <em>composed</em> into nodes (no Java object is
 * ever constructed from a tag), and size, nesting, aliases and duplicate keys are limited. Every
 * node keeps its position, so diagnostics point into the file (start mark plus one).
 */
public final class SafeYaml {
    /** Documents larger than this many code points are refused. */
    public static final int MAX_CODE_POINTS = 1024 * 1024;
    /** Deeper nesting than this is refused. */
    public static final int MAX_DEPTH = 64;
    /** At most this many aliases may point at collections (billion-laughs guard). */
    public static final int MAX_ALIASES = 20;
    /** At most this many nodes per document, aliases counted each time they are reached. */
    public static final int MAX_NODES = 200_000;

    private SafeYaml() {
    }

    /** The composed documents of a text, or the diagnostic that stopped reading. */
    public record Result(List<Node> documents, List<Diagnostic> diagnostics) {
        public Result {
            documents = List.copyOf(requireNonNull(documents, "documents is null"));
            diagnostics = List.copyOf(requireNonNull(diagnostics, "diagnostics is null"));
        }
    }

    public static Result compose(String sourceName, String text) {
        requireNonNull(sourceName, "sourceName is null");
        requireNonNull(text, "text is null");
        List<Diagnostic> diagnostics = new ArrayList<>();
        if (text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
            diagnostics.add(new Diagnostic(new SourcePosition(sourceName, 1, 1), DiagnosticCode.RULE_TOO_LARGE,
                    "file is too large (more than " + MAX_CODE_POINTS + " characters)"));
            return new Result(List.of(), diagnostics);
        }
        LoadSettings settings = LoadSettings.builder()
                .setLabel(sourceName)
                // the whole text in one buffer: snakeyaml-engine 2.9 fails on a surrogate pair (an
                // emoji) that straddles two reads of its stream buffer
                .setBufferSize(Math.max(1024, text.length() + 2))
                .setCodePointLimit(MAX_CODE_POINTS + 16)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowRecursiveKeys(false)
                .setAllowDuplicateKeys(false)
                .setUseMarks(true)
                .setSchema(new CoreSchema())
                .build();
        List<Node> documents = new ArrayList<>();
        try {
            for (Node node : new Compose(settings).composeAllFromString(text)) {
                if (node == null) {
                    continue;
                }
                Optional<Diagnostic> problem = check(sourceName, node);
                if (problem.isPresent()) {
                    diagnostics.add(problem.get());
                    return new Result(List.of(), diagnostics);
                }
                documents.add(node);
            }
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark();
            SourcePosition at = mark.map(m -> position(sourceName, m)).orElse(new SourcePosition(sourceName, 1, 1));
            String problem = e.getProblem() == null ? e.getClass().getSimpleName() : e.getProblem();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            diagnostics.add(new Diagnostic(at, DiagnosticCode.SYNTAX, "invalid YAML: " + problem + context));
            return new Result(List.of(), diagnostics);
        } catch (YamlEngineException e) {
            diagnostics.add(new Diagnostic(new SourcePosition(sourceName, 1, 1), DiagnosticCode.SYNTAX,
                    "invalid YAML: " + e.getMessage()));
            return new Result(List.of(), diagnostics);
        } catch (StackOverflowError e) {
            diagnostics.add(new Diagnostic(new SourcePosition(sourceName, 1, 1), DiagnosticCode.RULE_TOO_LARGE,
                    "file is too large (nesting too deep)"));
            return new Result(List.of(), diagnostics);
        }
        return new Result(documents, diagnostics);
    }

    /** The 1-based position of a node: its start mark plus one. */
    public static SourcePosition position(String sourceName, Node node) {
        return node.getStartMark().map(m -> position(sourceName, m)).orElse(new SourcePosition(sourceName, 1, 1));
    }

    public static SourcePosition position(String sourceName, Mark mark) {
        return new SourcePosition(sourceName, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** True for a scalar resolved as YAML null ({@code ~}, {@code null} or nothing). */
    public static boolean isNull(Node node) {
        return node == null || node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    /** The text of a scalar, or empty when the node is not a scalar or is null. */
    public static Optional<String> text(Node node) {
        if (node instanceof ScalarNode s && !Tag.NULL.equals(s.getTag())) {
            return Optional.of(s.getValue());
        }
        return Optional.empty();
    }

    /**
     * The entries of a mapping whose keys are scalars, in order; a duplicate key or a non-scalar key
     * is reported.
     */
    public static List<NodeTuple> entries(String sourceName, MappingNode map, List<Diagnostic> diagnostics) {
        List<NodeTuple> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (NodeTuple t : map.getValue()) {
            Node key = t.getKeyNode();
            if (!(key instanceof ScalarNode s)) {
                diagnostics.add(new Diagnostic(position(sourceName, key), DiagnosticCode.SYNTAX,
                        "mapping keys must be plain text"));
                continue;
            }
            if (!seen.add(s.getValue())) {
                diagnostics.add(new Diagnostic(position(sourceName, key), DiagnosticCode.SYNTAX,
                        "duplicate key '" + s.getValue() + "'"));
                continue;
            }
            out.add(t);
        }
        return out;
    }

    /** The value of a key in a mapping, if present. */
    public static Optional<NodeTuple> entry(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Checks depth and node count, following aliases (which compose to shared nodes). */
    private static Optional<Diagnostic> check(String sourceName, Node root) {
        int[] count = {0};
        return walk(sourceName, root, 1, count, new IdentityHashMap<>());
    }

    private static Optional<Diagnostic> walk(String sourceName, Node node, int depth, int[] count,
            Map<Node, Boolean> onPath) {
        if (depth > MAX_DEPTH) {
            return Optional.of(new Diagnostic(position(sourceName, node), DiagnosticCode.RULE_TOO_LARGE,
                    "nesting deeper than " + MAX_DEPTH + " levels"));
        }
        if (++count[0] > MAX_NODES) {
            return Optional.of(new Diagnostic(position(sourceName, node), DiagnosticCode.RULE_TOO_LARGE,
                    "more than " + MAX_NODES + " YAML nodes"));
        }
        if (onPath.put(node, Boolean.TRUE) != null) {
            return Optional.of(new Diagnostic(position(sourceName, node), DiagnosticCode.SYNTAX,
                    "recursive YAML alias"));
        }
        try {
            if (node instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    Optional<Diagnostic> d = walk(sourceName, t.getKeyNode(), depth + 1, count, onPath);
                    if (d.isEmpty()) {
                        d = walk(sourceName, t.getValueNode(), depth + 1, count, onPath);
                    }
                    if (d.isPresent()) {
                        return d;
                    }
                }
            } else if (node instanceof SequenceNode s) {
                for (Node item : s.getValue()) {
                    Optional<Diagnostic> d = walk(sourceName, item, depth + 1, count, onPath);
                    if (d.isPresent()) {
                        return d;
                    }
                }
            }
            return Optional.empty();
        } finally {
            onPath.remove(node);
        }
    }
}
