package io.vigil.compiler.parser;

import io.vigil.compiler.grammar.DetectionRuleParser;
import io.vigil.compiler.grammar.DetectionRuleParser.AggregateItemContext;
import io.vigil.compiler.grammar.DetectionRuleParser.ClauseContext;
import io.vigil.compiler.lower.Simplifier;
import io.vigil.compiler.predicate.Aggregation;
import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.compiler.predicate.Comparison;
import io.vigil.compiler.predicate.Constant;
import io.vigil.compiler.predicate.FieldRef;
import io.vigil.compiler.predicate.Predicate;
import io.vigil.compiler.predicate.RuleSource;
import io.vigil.compiler.predicate.Threshold;
import io.vigil.compiler.predicate.WindowKind;
import io.vigil.compiler.source.Diagnostic;
import io.vigil.compiler.source.DiagnosticCode;
import io.vigil.compiler.source.SourcePosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/** Turns the parse tree of one rule file into a {@link CompiledRule}, collecting diagnostics. */
final class RuleBuilder {
    /** The event types rules may name. */
    static final List<String> EVENT_TYPES = List.of(
            "sysmon:1", "security:4688", "powershell:4103", "powershell:4104", "powershell-classic:400");
    static final List<String> LEVELS = List.of("informational", "low", "medium", "high", "critical");

    private final String sourceName;
    private final List<Diagnostic> diagnostics;
    private final ConditionBuilder conditions;

    RuleBuilder(String sourceName, List<Diagnostic> diagnostics) {
        this.sourceName = sourceName;
        this.diagnostics = diagnostics;
        this.conditions = new ConditionBuilder(this);
    }

    Optional<CompiledRule> build(DetectionRuleParser.RuleFileContext tree) {
        DetectionRuleParser.RuleDeclContext decl = tree.ruleDecl();
        SourcePosition rulePosition = position(decl.getStart());
        String id = string(decl.id);
        if (id.isBlank()) {
            error(decl.id, DiagnosticCode.INVALID_VALUE, "rule id is empty");
        }
        Map<String, ClauseContext> seen = new LinkedHashMap<>();
        String title = null;
        String description = null;
        String level = null;
        List<String> attack = new ArrayList<>();
        String author = null;
        RuleSource source = null;
        List<String> deviations = new ArrayList<>();
        List<String> eventTypes = new ArrayList<>();
        Predicate predicate = null;
        Aggregation aggregation = null;

        for (ClauseContext clause : decl.clause()) {
            String keyword = clause.getStart().getText();
            if (!keyword.equals("deviation") && !keyword.equals("attack") && seen.containsKey(keyword)) {
                error(clause, DiagnosticCode.DUPLICATE_CLAUSE, "duplicate '" + keyword + "' clause");
                continue;
            }
            seen.put(keyword, clause);
            if (clause instanceof DetectionRuleParser.TitleClauseContext c) {
                title = string(c.string());
            } else if (clause instanceof DetectionRuleParser.DescriptionClauseContext c) {
                description = string(c.string());
            } else if (clause instanceof DetectionRuleParser.LevelClauseContext c) {
                level = c.level.getText();
                if (!LEVELS.contains(level)) {
                    error(c.level, DiagnosticCode.INVALID_VALUE, "unknown level '" + level + "'. Expecting one of: "
                            + String.join(", ", LEVELS));
                }
            } else if (clause instanceof DetectionRuleParser.AttackClauseContext c) {
                for (DetectionRuleParser.TechniqueIdContext t : c.techniqueId()) {
                    String text = t.getText();
                    if (!text.matches("(T[0-9]{4}(\\.[0-9]{3})?|TA[0-9]{4}|S[0-9]{4}|G[0-9]{4}|M[0-9]{4})")) {
                        error(t, DiagnosticCode.INVALID_VALUE, "not an ATT&CK id (technique, tactic, software, group or mitigation): '" + text + "'");
                    }
                    attack.add(text);
                }
            } else if (clause instanceof DetectionRuleParser.AuthorClauseContext c) {
                author = string(c.string());
            } else if (clause instanceof DetectionRuleParser.SourceClauseContext c) {
                source = source(c);
            } else if (clause instanceof DetectionRuleParser.DeviationClauseContext c) {
                deviations.add(string(c.string()));
            } else if (clause instanceof DetectionRuleParser.EventsClauseContext c) {
                for (DetectionRuleParser.EventTypeContext t : c.eventType()) {
                    String text = t.getText();
                    if (!EVENT_TYPES.contains(text)) {
                        error(t, DiagnosticCode.UNKNOWN_EVENT_TYPE, "unknown event type '" + text
                                + "'. Expecting one of: " + String.join(", ", EVENT_TYPES));
                    } else if (!eventTypes.contains(text)) {
                        eventTypes.add(text);
                    }
                }
            } else if (clause instanceof DetectionRuleParser.MatchClauseContext c) {
                predicate = Simplifier.simplify(conditions.condition(c.condition()));
            } else if (clause instanceof DetectionRuleParser.AggregateClauseContext c) {
                aggregation = aggregation(c);
            } else {
                throw new IllegalStateException("unhandled clause: " + clause.getClass().getSimpleName());
            }
        }
        if (title == null) {
            missing(decl, "title");
        }
        if (level == null) {
            missing(decl, "level");
        }
        if (source == null) {
            missing(decl, "source");
        }
        if (!seen.containsKey("events")) {
            missing(decl, "events");
        }
        if (predicate == null) {
            missing(decl, "match");
        }
        if (!diagnostics.isEmpty()) {
            return Optional.empty();
        }
        if (predicate instanceof Constant c && !c.value()) {
            error(decl, DiagnosticCode.INVALID_VALUE, "the match condition can never be true");
            return Optional.empty();
        }
        return Optional.of(new CompiledRule(id, title, Optional.ofNullable(description), level, attack,
                Optional.ofNullable(author), source, deviations, eventTypes, predicate, Optional.ofNullable(aggregation),
                rulePosition));
    }

    private RuleSource source(DetectionRuleParser.SourceClauseContext c) {
        String vendor = c.vendor.getText();
        String id = null;
        String path = null;
        String license = null;
        Map<String, String> attributes = new LinkedHashMap<>();
        for (DetectionRuleParser.SourceAttributeContext a : c.sourceAttribute()) {
            String key = a.key.getText();
            String value = string(a.attributeValue);
            switch (key) {
                case "id" -> id = value;
                case "path", "url" -> path = value;
                case "license", "licence" -> license = value;
                default -> attributes.put(key, value);
            }
        }
        return new RuleSource(vendor, Optional.ofNullable(id), Optional.ofNullable(path), Optional.ofNullable(license),
                attributes);
    }

    private Aggregation aggregation(DetectionRuleParser.AggregateClauseContext c) {
        List<FieldRef> groupBy = new ArrayList<>();
        WindowKind kind = null;
        Duration size = null;
        List<Threshold> thresholds = new ArrayList<>();
        for (AggregateItemContext item : c.aggregateItem()) {
            if (item instanceof DetectionRuleParser.GroupByContext g) {
                for (DetectionRuleParser.FieldRefContext f : g.fieldRef()) {
                    FieldRef ref = conditions.fieldRef(f);
                    if (ref != null) {
                        groupBy.add(ref);
                    }
                }
            } else if (item instanceof DetectionRuleParser.WindowSpecContext w) {
                if (kind != null) {
                    error(w, DiagnosticCode.DUPLICATE_CLAUSE, "duplicate 'window'");
                }
                kind = w.kind.getType() == DetectionRuleParser.FIXED ? WindowKind.FIXED : WindowKind.SLIDING;
                size = duration(w.DURATION().getSymbol());
            } else if (item instanceof DetectionRuleParser.HavingSpecContext h) {
                for (DetectionRuleParser.ThresholdContext t : h.aggregateCondition().threshold()) {
                    Threshold threshold = threshold(t);
                    if (threshold != null) {
                        thresholds.add(threshold);
                    }
                }
            }
        }
        if (kind == null || size == null) {
            error(c, DiagnosticCode.MISSING_CLAUSE, "aggregate needs a 'window fixed|sliding <duration>'");
            return null;
        }
        if (thresholds.isEmpty()) {
            thresholds.add(new Threshold(Threshold.Function.COUNT, Optional.empty(), Comparison.GTE, 1));
        }
        return new Aggregation(groupBy, kind, size, thresholds);
    }

    private Threshold threshold(DetectionRuleParser.ThresholdContext t) {
        Comparison cmp = switch (t.comparator.getType()) {
            case DetectionRuleParser.GT -> Comparison.GT;
            case DetectionRuleParser.GTE -> Comparison.GTE;
            case DetectionRuleParser.LT -> Comparison.LT;
            case DetectionRuleParser.LTE -> Comparison.LTE;
            default -> Comparison.EQ;
        };
        long value;
        try {
            value = Long.parseLong(t.INTEGER().getText());
        } catch (NumberFormatException e) {
            error(t, DiagnosticCode.INVALID_VALUE, "threshold out of range: " + t.INTEGER().getText());
            return null;
        }
        if (t.aggregateFunction() instanceof DetectionRuleParser.DistinctFunctionContext d) {
            FieldRef ref = conditions.fieldRef(d.fieldRef());
            return ref == null ? null : new Threshold(Threshold.Function.DISTINCT, Optional.of(ref), cmp, value);
        }
        return new Threshold(Threshold.Function.COUNT, Optional.empty(), cmp, value);
    }

    private Duration duration(Token token) {
        String text = token.getText();
        int unitStart = 0;
        while (unitStart < text.length() && Character.isDigit(text.charAt(unitStart))) {
            unitStart++;
        }
        long amount;
        try {
            amount = Long.parseLong(text.substring(0, unitStart));
        } catch (NumberFormatException e) {
            error(token, DiagnosticCode.INVALID_VALUE, "duration out of range: " + text);
            return Duration.ofSeconds(1);
        }
        Duration d = switch (text.substring(unitStart)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (d.isZero()) {
            error(token, DiagnosticCode.INVALID_VALUE, "window size must be positive");
            return Duration.ofSeconds(1);
        }
        return d;
    }

    private void missing(ParserRuleContext decl, String clause) {
        error(decl, DiagnosticCode.MISSING_CLAUSE, "rule has no '" + clause + "' clause");
    }

    // ---- helpers shared with ConditionBuilder ----

    String string(DetectionRuleParser.StringContext ctx) {
        return Strings.decode(ctx, this);
    }

    SourcePosition position(Token token) {
        return new SourcePosition(sourceName, Math.max(1, token.getLine()), token.getCharPositionInLine() + 1);
    }

    void error(ParserRuleContext ctx, DiagnosticCode code, String message) {
        error(ctx.getStart(), code, message);
    }

    void error(Token token, DiagnosticCode code, String message) {
        diagnostics.add(new Diagnostic(position(token), code, message));
    }
}
