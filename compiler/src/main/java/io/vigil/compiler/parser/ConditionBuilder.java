package io.vigil.compiler.parser;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.vigil.compiler.grammar.DetectionRuleParser;
import io.vigil.compiler.lower.Simplifier;
import io.vigil.compiler.lower.Wildcards;
import io.vigil.compiler.lower.Windash;
import io.vigil.compiler.predicate.Comparison;
import io.vigil.compiler.predicate.Constant;
import io.vigil.compiler.predicate.Derivation;
import io.vigil.compiler.predicate.FieldPredicate;
import io.vigil.compiler.predicate.FieldRef;
import io.vigil.compiler.predicate.Not;
import io.vigil.compiler.predicate.Predicate;
import io.vigil.compiler.predicate.ValueMatcherSpec;
import io.vigil.compiler.source.DiagnosticCode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Lowers the condition of a rule to a predicate tree. */
final class ConditionBuilder {
    /** Regexes longer than this are refused. */
    static final int MAX_REGEX_CHARS = 8192;

    private final RuleBuilder rule;

    ConditionBuilder(RuleBuilder rule) {
        this.rule = rule;
    }

    Predicate condition(DetectionRuleParser.ConditionContext ctx) {
        DetectionRuleParser.OrExpressionContext or = ctx.orExpression();
        List<Predicate> terms = new ArrayList<>();
        for (DetectionRuleParser.AndExpressionContext and : or.andExpression()) {
            List<Predicate> factors = new ArrayList<>();
            for (DetectionRuleParser.NotExpressionContext not : and.notExpression()) {
                factors.add(not(not));
            }
            terms.add(Simplifier.and(factors));
        }
        return Simplifier.or(terms);
    }

    private Predicate not(DetectionRuleParser.NotExpressionContext ctx) {
        if (ctx instanceof DetectionRuleParser.NotTermContext n) {
            return new Not(not(n.notExpression()));
        }
        return primary(((DetectionRuleParser.PrimaryTermContext) ctx).primary());
    }

    private Predicate primary(DetectionRuleParser.PrimaryContext ctx) {
        if (ctx instanceof DetectionRuleParser.ParenthesizedContext p) {
            return condition(p.condition());
        }
        if (ctx instanceof DetectionRuleParser.TrueLiteralContext) {
            return Constant.TRUE;
        }
        if (ctx instanceof DetectionRuleParser.FalseLiteralContext) {
            return Constant.FALSE;
        }
        if (ctx instanceof DetectionRuleParser.ExistsPredicateContext e) {
            FieldRef field = fieldRef(e.fieldRef());
            return field == null ? Constant.TRUE : new FieldPredicate(field, new ValueMatcherSpec.Exists());
        }
        if (ctx instanceof DetectionRuleParser.NullPredicateContext n) {
            FieldRef field = fieldRef(n.fieldRef());
            return field == null ? Constant.TRUE : new FieldPredicate(field, new ValueMatcherSpec.IsNull());
        }
        if (ctx instanceof DetectionRuleParser.ComparisonContext c) {
            return comparison(c);
        }
        throw new IllegalStateException("unhandled condition: " + ctx.getClass().getSimpleName());
    }

    FieldRef fieldRef(DetectionRuleParser.FieldRefContext ctx) {
        if (ctx instanceof DetectionRuleParser.PlainFieldContext p) {
            return FieldRef.of(fieldName(p.fieldName()));
        }
        DetectionRuleParser.DerivedFieldContext d = (DetectionRuleParser.DerivedFieldContext) ctx;
        String function = d.function.getText();
        Derivation derivation = Derivation.fromFunctionName(function).orElse(null);
        if (derivation == null) {
            rule.error(d.function, DiagnosticCode.UNKNOWN_FUNCTION, "unknown function '" + function
                    + "'. Expecting one of: basename, args, tokens, terms");
            return null;
        }
        return new FieldRef(fieldName(d.fieldName()), derivation);
    }

    private String fieldName(DetectionRuleParser.FieldNameContext ctx) {
        if (ctx.string() != null) {
            String name = rule.string(ctx.string());
            if (name.isEmpty()) {
                rule.error(ctx, DiagnosticCode.INVALID_VALUE, "field name is empty");
                return "_";
            }
            return name;
        }
        return ctx.getText();
    }

    private Predicate comparison(DetectionRuleParser.ComparisonContext c) {
        FieldRef field = fieldRef(c.fieldRef());
        int op = c.operator().getStart().getType();
        boolean cased = false;
        boolean windash = false;
        for (DetectionRuleParser.ModifierContext m : c.modifier()) {
            if (m.CASED() != null) {
                cased = true;
            } else {
                windash = true;
            }
        }
        boolean numeric = op == DetectionRuleParser.GT || op == DetectionRuleParser.GTE
                || op == DetectionRuleParser.LT || op == DetectionRuleParser.LTE;
        if (numeric && (cased || windash)) {
            rule.error(c.modifier(0), DiagnosticCode.INCOMPATIBLE_MODIFIER,
                    "'" + c.modifier(0).getText() + "' does not apply to a numeric comparison");
        }
        if (op == DetectionRuleParser.REGEX && windash) {
            rule.error(c.modifier(0), DiagnosticCode.INCOMPATIBLE_MODIFIER, "'windash' does not apply to 'regex'");
        }
        if (op == DetectionRuleParser.CIDR && (cased || windash)) {
            rule.error(c.modifier(0), DiagnosticCode.INCOMPATIBLE_MODIFIER,
                    "'" + c.modifier(0).getText() + "' does not apply to 'cidr'");
        }
        if (c.valueSpec() instanceof DetectionRuleParser.FieldRefValueContext f) {
            return fieldRefComparison(field, op, cased, windash, c, f);
        }

        List<DetectionRuleParser.ValueContext> values = new ArrayList<>();
        boolean all = false;
        if (c.valueSpec() instanceof DetectionRuleParser.SingleValueContext s) {
            values.add(s.value());
        } else {
            DetectionRuleParser.ValueListContext list = (DetectionRuleParser.ValueListContext) c.valueSpec();
            values.addAll(list.value());
            all = list.quantifier.getType() == DetectionRuleParser.ALL;
        }
        List<Predicate> leaves = new ArrayList<>();
        for (DetectionRuleParser.ValueContext v : values) {
            leaves.add(leaf(field, op, cased, windash, v));
        }
        return all ? Simplifier.and(leaves) : Simplifier.or(leaves);
    }

    private Predicate leaf(FieldRef field, int op, boolean cased, boolean windash, DetectionRuleParser.ValueContext v) {
        if (field == null) {
            return Constant.TRUE; // already reported
        }
        boolean isNumber = v.number() != null;
        String text = isNumber ? v.number().getText() : rule.string(v.string());
        switch (op) {
            case DetectionRuleParser.GT:
            case DetectionRuleParser.GTE:
            case DetectionRuleParser.LT:
            case DetectionRuleParser.LTE:
                return numeric(field, op, v, text);
            case DetectionRuleParser.EQ:
                if (isNumber && !cased && !windash) {
                    return numeric(field, op, v, text);
                }
                break;
            case DetectionRuleParser.REGEX:
                return regex(field, cased, v, text);
            case DetectionRuleParser.CIDR:
                return cidr(field, v, text);
            default:
                break;
        }
        List<String> variants = windash ? expandWindash(v, text) : List.of(text);
        List<Predicate> alternatives = new ArrayList<>();
        for (String variant : variants) {
            ValueMatcherSpec spec = switch (op) {
                case DetectionRuleParser.EQ -> new ValueMatcherSpec.Equals(variant, cased);
                case DetectionRuleParser.CONTAINS -> new ValueMatcherSpec.Contains(variant, cased);
                case DetectionRuleParser.STARTSWITH -> new ValueMatcherSpec.Prefix(variant, cased);
                case DetectionRuleParser.ENDSWITH -> new ValueMatcherSpec.Suffix(variant, cased);
                case DetectionRuleParser.WILDCARD -> Wildcards.classify(Wildcards.parse(variant), cased);
                default -> throw new IllegalStateException("unhandled operator: " + op);
            };
            alternatives.add(new FieldPredicate(field, spec));
        }
        return Simplifier.or(alternatives);
    }

    /** {@code <field> eq|startswith|endswith|contains [cased] field(<other>)}: a comparison of two fields. */
    private Predicate fieldRefComparison(FieldRef field, int op, boolean cased, boolean windash,
            DetectionRuleParser.ComparisonContext c, DetectionRuleParser.FieldRefValueContext f) {
        ValueMatcherSpec.FieldRefCompare.Relation relation = switch (op) {
            case DetectionRuleParser.EQ -> ValueMatcherSpec.FieldRefCompare.Relation.EQUALS;
            case DetectionRuleParser.STARTSWITH -> ValueMatcherSpec.FieldRefCompare.Relation.PREFIX;
            case DetectionRuleParser.ENDSWITH -> ValueMatcherSpec.FieldRefCompare.Relation.SUFFIX;
            case DetectionRuleParser.CONTAINS -> ValueMatcherSpec.FieldRefCompare.Relation.CONTAINS;
            default -> null;
        };
        if (relation == null) {
            rule.error(c.operator(), DiagnosticCode.INCOMPATIBLE_MODIFIER, "'" + c.operator().getText()
                    + "' does not compare with another field. Expecting one of: eq, startswith, endswith, contains");
            return Constant.TRUE;
        }
        if (windash) {
            rule.error(c.modifier(0), DiagnosticCode.INCOMPATIBLE_MODIFIER, "'windash' does not apply to 'field(...)'");
            return Constant.TRUE;
        }
        String other = fieldName(f.fieldName());
        if (field == null) {
            return Constant.TRUE; // already reported
        }
        return new FieldPredicate(field, new ValueMatcherSpec.FieldRefCompare(other, relation, cased));
    }

    private Predicate cidr(FieldRef field, DetectionRuleParser.ValueContext v, String text) {
        if (v.number() != null) {
            rule.error(v, DiagnosticCode.INVALID_VALUE, "'cidr' takes a quoted network such as '10.0.0.0/8'");
            return Constant.TRUE;
        }
        try {
            return new FieldPredicate(field, new ValueMatcherSpec.Cidr(text));
        } catch (IllegalArgumentException e) {
            rule.error(v, DiagnosticCode.INVALID_VALUE, "invalid network: " + e.getMessage());
            return Constant.TRUE;
        }
    }

    private List<String> expandWindash(DetectionRuleParser.ValueContext v, String text) {
        try {
            return Windash.expand(text);
        } catch (IllegalArgumentException e) {
            rule.error(v, DiagnosticCode.INVALID_VALUE, e.getMessage());
            return List.of(text);
        }
    }

    private Predicate numeric(FieldRef field, int op, DetectionRuleParser.ValueContext v, String text) {
        BigDecimal number;
        try {
            number = new BigDecimal(text);
        } catch (NumberFormatException e) {
            rule.error(v, DiagnosticCode.INVALID_VALUE, "not a number: '" + text + "'");
            return Constant.TRUE;
        }
        Comparison cmp = switch (op) {
            case DetectionRuleParser.GT -> Comparison.GT;
            case DetectionRuleParser.GTE -> Comparison.GTE;
            case DetectionRuleParser.LT -> Comparison.LT;
            case DetectionRuleParser.LTE -> Comparison.LTE;
            default -> Comparison.EQ;
        };
        return new FieldPredicate(field, new ValueMatcherSpec.NumericCompare(cmp, number));
    }

    private Predicate regex(FieldRef field, boolean cased, DetectionRuleParser.ValueContext v, String pattern) {
        if (pattern.length() > MAX_REGEX_CHARS) {
            rule.error(v, DiagnosticCode.INVALID_REGEX, "regex longer than " + MAX_REGEX_CHARS + " characters");
            return Constant.TRUE;
        }
        try {
            Pattern.compile(pattern, cased ? 0 : Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            rule.error(v, DiagnosticCode.INVALID_REGEX, "invalid regex: " + e.getDescription());
            return Constant.TRUE;
        }
        return new FieldPredicate(field, new ValueMatcherSpec.Regex(pattern, cased));
    }
}
