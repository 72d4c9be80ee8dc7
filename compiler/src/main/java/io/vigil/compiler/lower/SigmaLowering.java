package io.vigil.compiler.lower;

import static java.util.Objects.requireNonNull;

import io.vigil.compiler.ast.SigmaCondition;
import io.vigil.compiler.mapping.FieldTarget;
import io.vigil.compiler.mapping.LogSourceMapping;
import io.vigil.compiler.mapping.MappingSet;
import io.vigil.compiler.mapping.PlaceholderSet;
import io.vigil.compiler.mapping.SigmaConfig;
import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.compiler.predicate.Comparison;
import io.vigil.compiler.predicate.Constant;
import io.vigil.compiler.predicate.FieldPredicate;
import io.vigil.compiler.predicate.FieldRef;
import io.vigil.compiler.predicate.Not;
import io.vigil.compiler.predicate.Predicate;
import io.vigil.compiler.predicate.RuleSource;
import io.vigil.compiler.predicate.ValueMatcherSpec;
import io.vigil.compiler.sigma.Detection;
import io.vigil.compiler.sigma.DetectionItem;
import io.vigil.compiler.sigma.DetectionNode;
import io.vigil.compiler.sigma.Linking;
import io.vigil.compiler.sigma.Modifier;
import io.vigil.compiler.sigma.SigmaBool;
import io.vigil.compiler.sigma.SigmaCidr;
import io.vigil.compiler.sigma.SigmaCompare;
import io.vigil.compiler.sigma.SigmaExists;
import io.vigil.compiler.sigma.SigmaExpansion;
import io.vigil.compiler.sigma.SigmaFieldRef;
import io.vigil.compiler.sigma.SigmaNull;
import io.vigil.compiler.sigma.SigmaNumber;
import io.vigil.compiler.sigma.SigmaRegex;
import io.vigil.compiler.sigma.SigmaRule;
import io.vigil.compiler.sigma.SigmaString;
import io.vigil.compiler.sigma.SigmaValue;
import io.vigil.compiler.source.Diagnostic;
import io.vigil.compiler.source.DiagnosticCode;
import io.vigil.compiler.source.SourcePosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import com.google.re2j.Matcher;

/**
 * Lowers a {@link SigmaRule} to the same predicate tree as the rule language: the logsource picks
 * the event types, the condition is resolved against the named detections, fields are renamed by
 * the mapping, and values become value matchers. Nothing Sigma-specific is left for run time.
 */
public final class SigmaLowering {
    /** Placeholder and regex expansions beyond this many alternatives are refused. */
    static final int MAX_ALTERNATIVES = 4096;

    private static final com.google.re2j.Pattern ATTACK_TECHNIQUE =
            com.google.re2j.Pattern.compile("attack\\.(t\\d{4}(?:\\.\\d{3})?)", com.google.re2j.Pattern.CASE_INSENSITIVE);

    private final SigmaRule rule;
    private final MappingSet mappings;
    private final PlaceholderSet placeholders;
    private final String sourceName;
    private final List<Diagnostic> diagnostics;
    private List<String> eventTypes = List.of();
    private String logsourceId = "";
    private final Map<String, Predicate> lowered = new LinkedHashMap<>();
    private final Set<String> used = new LinkedHashSet<>();
    private final Set<String> linted = new LinkedHashSet<>();
    private final Set<String> mappingIds = new LinkedHashSet<>();
    private boolean failed;

    private SigmaLowering(SigmaRule rule, SigmaConfig config, String sourceName, List<Diagnostic> diagnostics) {
        this.rule = rule;
        this.mappings = config.mappings();
        this.placeholders = config.placeholders();
        this.sourceName = sourceName;
        this.diagnostics = diagnostics;
    }

    /** The compiled rule, or empty when an error was reported; warnings go to the same list. */
    public static Optional<CompiledRule> lower(SigmaRule rule, SigmaConfig config, String sourceName,
            List<Diagnostic> diagnostics) {
        requireNonNull(rule, "rule is null");
        requireNonNull(config, "config is null");
        requireNonNull(sourceName, "sourceName is null");
        requireNonNull(diagnostics, "diagnostics is null");
        return new SigmaLowering(rule, config, sourceName, diagnostics).lower();
    }

    private Optional<CompiledRule> lower() {
        Optional<LogSourceMapping> logsource = mappings.logsource(rule.logsource());
        if (logsource.isEmpty()) {
            error(rule.logsource().position(), DiagnosticCode.UNSUPPORTED_LOGSOURCE, "unsupported logsource "
                    + rule.logsource().describe() + "; Vigil runs Sigma rules of: " + mappings.describeLogsources());
            return Optional.empty();
        }
        eventTypes = logsource.get().eventTypes();
        logsourceId = logsource.get().id();
        List<Predicate> conditions = new ArrayList<>();
        for (SigmaCondition c : rule.detection().conditions()) {
            conditions.add(condition(c));
        }
        for (Map.Entry<String, Detection> e : rule.detection().named().entrySet()) {
            if (!used.contains(e.getKey())) {
                diagnostics.add(Diagnostic.warning(e.getValue().position(), DiagnosticCode.UNDEFINED_IDENTIFIER,
                        "detection '" + e.getKey() + "' is not used by the condition"));
            }
        }
        if (failed) {
            return Optional.empty();
        }
        Predicate predicate = Simplifier.simplify(Simplifier.or(conditions));
        if (predicate instanceof Constant c && !c.value()) {
            error(rule.detection().position(), DiagnosticCode.INVALID_VALUE, "the condition can never be true");
            return Optional.empty();
        }
        String level = rule.level().orElse(null);
        if (level == null) {
            level = "medium";
            diagnostics.add(Diagnostic.warning(rule.position(), DiagnosticCode.MISSING_CLAUSE,
                    "rule has no 'level'; it is reported as 'medium'"));
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        rule.status().ifPresent(s -> attributes.put("status", s));
        attributes.put("logsource", logsourceId);
        if (!mappingIds.isEmpty()) {
            attributes.put("mapping", String.join(", ", mappingIds));
        }
        RuleSource source = new RuleSource("sigma", rule.id(), Optional.of(sourceName), rule.license(), attributes);
        return Optional.of(new CompiledRule(rule.id().orElse(fileStem(sourceName)), rule.title(), rule.description(),
                level, attack(rule.tags()), rule.author(), source, List.of(), eventTypes, predicate, Optional.empty(),
                rule.position()));
    }

    // ---- condition ----

    private Predicate condition(SigmaCondition c) {
        if (c instanceof SigmaCondition.And a) {
            List<Predicate> terms = new ArrayList<>();
            for (SigmaCondition t : a.terms()) {
                terms.add(condition(t));
            }
            return Simplifier.and(terms);
        }
        if (c instanceof SigmaCondition.Or o) {
            List<Predicate> terms = new ArrayList<>();
            for (SigmaCondition t : o.terms()) {
                terms.add(condition(t));
            }
            return Simplifier.or(terms);
        }
        if (c instanceof SigmaCondition.Not n) {
            return Simplifier.simplify(new Not(condition(n.term())));
        }
        if (c instanceof SigmaCondition.Identifier i) {
            if (!rule.detection().named().containsKey(i.name())) {
                error(i.position(), DiagnosticCode.UNDEFINED_IDENTIFIER,
                        "condition references undefined identifier '" + i.name() + "'");
                return Constant.TRUE;
            }
            return named(i.name());
        }
        if (c instanceof SigmaCondition.Selector s) {
            List<String> names = new ArrayList<>();
            for (String name : rule.detection().named().keySet()) {
                if (s.them() ? !name.startsWith("_") : globMatches(s.pattern(), name)) {
                    names.add(name);
                }
            }
            String text = (s.quantifier() == SigmaCondition.Quantifier.ALL ? "all of " : "1 of ") + s.pattern();
            if (names.isEmpty()) {
                error(s.position(), DiagnosticCode.UNDEFINED_IDENTIFIER, "'" + text + "' matches no detection");
                return Constant.TRUE;
            }
            List<Predicate> terms = new ArrayList<>();
            for (String name : names) {
                terms.add(named(name));
            }
            return s.quantifier() == SigmaCondition.Quantifier.ALL ? Simplifier.and(terms) : Simplifier.or(terms);
        }
        throw new IllegalStateException("unhandled condition: " + c);
    }

    private Predicate named(String name) {
        used.add(name);
        Predicate p = lowered.get(name);
        if (p == null) {
            p = node(rule.detection().named().get(name));
            lowered.put(name, p);
        }
        return p;
    }

    /** Sigma name patterns: {@code *} matches any run of characters. */
    static boolean globMatches(String pattern, String name) {
        String[] pieces = pattern.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pieces.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(com.google.re2j.Pattern.quote(pieces[i]));
        }
        return com.google.re2j.Pattern.matches(regex.toString(), name);
    }

    // ---- detections ----

    private Predicate node(DetectionNode node) {
        if (node instanceof Detection d) {
            List<Predicate> terms = new ArrayList<>();
            for (DetectionNode child : d.items()) {
                terms.add(node(child));
            }
            return d.linking() == Linking.AND ? Simplifier.and(terms) : Simplifier.or(terms);
        }
        DetectionItem item = (DetectionItem) node;
        List<Predicate> terms = new ArrayList<>();
        for (SigmaValue v : item.values()) {
            terms.add(value(item, v));
        }
        return item.linking() == Linking.AND ? Simplifier.and(terms) : Simplifier.or(terms);
    }

    /** One value of an item, tested on every name its field is read under. */
    private Predicate value(DetectionItem item, SigmaValue v) {
        if (v instanceof SigmaExpansion e) {
            List<Predicate> alternatives = new ArrayList<>();
            for (SigmaValue alt : e.values()) {
                alternatives.add(value(item, alt));
            }
            return Simplifier.or(alternatives);
        }
        if (v instanceof SigmaString s && s.containsPlaceholder()) {
            List<SigmaValue> alternatives = new ArrayList<>();
            for (SigmaString expanded : expandPlaceholders(item, s)) {
                alternatives.add(expanded);
            }
            return value(item, new SigmaExpansion(alternatives));
        }
        if (v instanceof SigmaRegex r && r.placeholders()) {
            return value(item, new SigmaExpansion(expandPlaceholders(item, r)));
        }
        if (item.isKeyword()) {
            return keyword(item, v);
        }
        String field = item.field().get();
        lint(item, field);
        boolean negative = v instanceof SigmaNull || v instanceof SigmaExists x && !x.exists();
        Set<Predicate> perType = new LinkedHashSet<>();
        for (String type : eventTypes) {
            FieldTarget target = mappings.target(field, type);
            if (!target.name().equals(field)) {
                mappingIds.add(type + ": " + field + " -> " + target.name());
            }
            perType.add(leaf(item, target, v, type));
        }
        List<Predicate> terms = new ArrayList<>(perType);
        return negative ? Simplifier.and(terms) : Simplifier.or(terms);
    }

    private Predicate leaf(DetectionItem item, FieldTarget target, SigmaValue v, String type) {
        FieldRef ref = FieldRef.of(target.name());
        if (v instanceof SigmaString s) {
            ValueMatcherSpec spec = Wildcards.classify(wildcardParts(s), s.cased());
            if (spec instanceof ValueMatcherSpec.Equals eq) {
                Optional<String> renamed = target.renamedValue(eq.value());
                if (renamed.isPresent()) {
                    mappingIds.add(type + ": " + item.field().get() + " value '" + eq.value() + "' -> '"
                            + renamed.get() + "'");
                    spec = new ValueMatcherSpec.Equals(renamed.get(), eq.cased());
                }
            }
            return new FieldPredicate(ref, spec);
        }
        if (v instanceof SigmaNumber n) {
            return new FieldPredicate(ref, new ValueMatcherSpec.NumericCompare(Comparison.EQ, n.value()));
        }
        if (v instanceof SigmaBool b) {
            return new FieldPredicate(ref, new ValueMatcherSpec.Equals(b.value() ? "true" : "false", false));
        }
        if (v instanceof SigmaNull) {
            return new FieldPredicate(ref, new ValueMatcherSpec.IsNull());
        }
        if (v instanceof SigmaExists x) {
            FieldPredicate exists = new FieldPredicate(ref, new ValueMatcherSpec.Exists());
            return x.exists() ? exists : new Not(exists);
        }
        if (v instanceof SigmaRegex r) {
            return regex(item, ref, r);
        }
        if (v instanceof SigmaCidr c) {
            return new FieldPredicate(ref, new ValueMatcherSpec.Cidr(c.network()));
        }
        if (v instanceof SigmaCompare c) {
            return new FieldPredicate(ref, new ValueMatcherSpec.NumericCompare(c.comparison(), c.value()));
        }
        if (v instanceof SigmaFieldRef f) {
            lint(item, f.field());
            String other = mappings.target(f.field(), type).name();
            return new FieldPredicate(ref, new ValueMatcherSpec.FieldRefCompare(other, f.relation(), false));
        }
        throw new IllegalStateException("unhandled value: " + v);
    }

    /** A keyword: a search of every field (the event's raw text), unanchored. */
    private Predicate keyword(DetectionItem item, SigmaValue v) {
        FieldRef raw = FieldRef.of(FieldRef.RAW);
        if (v instanceof SigmaString s) {
            List<SigmaString.Part> parts = new ArrayList<>(s.parts());
            if (!s.startsWithStar()) {
                parts.add(0, SigmaString.STAR);
            }
            if (!s.endsWithStar()) {
                parts.add(SigmaString.STAR);
            }
            return new FieldPredicate(raw, Wildcards.classify(wildcardParts(s.withParts(parts)), s.cased()));
        }
        if (v instanceof SigmaRegex r) {
            return regex(item, raw, r);
        }
        error(item.position(), DiagnosticCode.INCOMPATIBLE_MODIFIER, "a keyword (a value with no field) cannot be "
                + v.kind());
        return Constant.TRUE;
    }

    private Predicate regex(DetectionItem item, FieldRef ref, SigmaRegex r) {
        String pattern = r.inlinePattern();
        Optional<String> problem = Modifier.regexProblem(pattern);
        if (problem.isPresent()) {
            error(item.position(), DiagnosticCode.INVALID_REGEX, "regular expression not supported by RE2 (linear time): "
                    + problem.get());
            return Constant.TRUE;
        }
        // Sigma's |re is case-sensitive unless |i: the flags are inline, the matcher is cased
        return new FieldPredicate(ref, new ValueMatcherSpec.Regex(pattern, true));
    }

    private void lint(DetectionItem item, String field) {
        if (!linted.add(field) || mappings.carried(field, eventTypes)) {
            return;
        }
        String suggestion = mappings.suggestField(field, eventTypes).map(s -> " (did you mean '" + s + "'?)").orElse("");
        diagnostics.add(Diagnostic.warning(item.position(), DiagnosticCode.UNKNOWN_FIELD, "field '" + field
                + "' is not carried by any event type of logsource " + logsourceId + " (" + String.join(", ", eventTypes)
                + "), so this test is never true" + suggestion));
    }

    // ---- placeholders ----

    private List<SigmaString> expandPlaceholders(DetectionItem item, SigmaString s) {
        List<List<SigmaString.Part>> variants = new ArrayList<>();
        variants.add(new ArrayList<>());
        for (SigmaString.Part p : s.parts()) {
            List<List<SigmaString.Part>> replacements = new ArrayList<>();
            if (p instanceof SigmaString.Placeholder ph) {
                for (String value : placeholderValues(item, ph.name())) {
                    replacements.add(SigmaString.parse(value).parts());
                }
            } else {
                replacements.add(List.of(p));
            }
            List<List<SigmaString.Part>> next = new ArrayList<>();
            for (List<SigmaString.Part> prefix : variants) {
                for (List<SigmaString.Part> r : replacements) {
                    List<SigmaString.Part> copy = new ArrayList<>(prefix);
                    copy.addAll(r);
                    next.add(copy);
                }
            }
            if (next.size() > MAX_ALTERNATIVES) {
                error(item.position(), DiagnosticCode.UNSUPPORTED_FEATURE, "placeholders expand to more than "
                        + MAX_ALTERNATIVES + " values");
                return List.of();
            }
            variants = next;
        }
        List<SigmaString> out = new ArrayList<>();
        for (List<SigmaString.Part> parts : variants) {
            out.add(s.withParts(parts));
        }
        return out;
    }

    private List<SigmaValue> expandPlaceholders(DetectionItem item, SigmaRegex r) {
        List<String> patterns = new ArrayList<>();
        patterns.add(r.pattern());
        Matcher m = com.google.re2j.Pattern.compile("%(\\w+)%").matcher(r.pattern());
        Set<String> names = new LinkedHashSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        for (String name : names) {
            List<String> next = new ArrayList<>();
            for (String p : patterns) {
                for (String value : placeholderValues(item, name)) {
                    next.add(p.replace("%" + name + "%", value));
                }
            }
            patterns = next;
            if (patterns.size() > MAX_ALTERNATIVES) {
                error(item.position(), DiagnosticCode.UNSUPPORTED_FEATURE, "placeholders expand to more than "
                        + MAX_ALTERNATIVES + " values");
                return List.of();
            }
        }
        List<SigmaValue> out = new ArrayList<>();
        for (String p : patterns) {
            out.add(new SigmaRegex(p, r.flags(), false));
        }
        return out;
    }

    private List<String> placeholderValues(DetectionItem item, String name) {
        Optional<List<String>> values = placeholders.get(name);
        if (values.isEmpty() || values.get().isEmpty()) {
            error(item.position(), DiagnosticCode.UNKNOWN_PLACEHOLDER, "placeholder '%" + name + "%' has no value in "
                    + placeholders.describeSources() + "; give it values in a placeholder file (--placeholders)");
            return List.of();
        }
        return values.get();
    }

    // ---- helpers ----

    /** The parts of a Sigma string in the form of {@link ValueMatcherSpec.Wildcard}. */
    static List<Object> wildcardParts(SigmaString s) {
        List<Object> parts = new ArrayList<>();
        for (SigmaString.Part p : s.parts()) {
            if (p instanceof SigmaString.Literal l) {
                parts.add(l.text());
            } else if (p instanceof SigmaString.WildcardMulti) {
                parts.add(ValueMatcherSpec.Wildcard.STAR);
            } else if (p instanceof SigmaString.WildcardSingle) {
                parts.add(ValueMatcherSpec.Wildcard.QUESTION);
            } else {
                throw new IllegalStateException("unresolved placeholder in " + s);
            }
        }
        return parts;
    }

    /** ATT&CK technique ids from {@code attack.tNNNN[.NNN]} tags, in order, once each. */
    static List<String> attack(List<String> tags) {
        Set<String> ids = new LinkedHashSet<>();
        for (String tag : tags) {
            Matcher m = ATTACK_TECHNIQUE.matcher(tag.trim());
            if (m.matches()) {
                ids.add(m.group(1).toUpperCase(Locale.ROOT));
            }
        }
        return List.copyOf(ids);
    }

    static String fileStem(String sourceName) {
        String name = sourceName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private void error(SourcePosition position, DiagnosticCode code, String message) {
        failed = true;
        diagnostics.add(new Diagnostic(position, code, message));
    }
}
