package io.vigil.compiler.parser;

import io.vigil.compiler.ast.SigmaCondition;
import io.vigil.compiler.grammar.SigmaConditionParser.AndExpressionContext;
import io.vigil.compiler.grammar.SigmaConditionParser.ExpressionContext;
import io.vigil.compiler.grammar.SigmaConditionParser.IdentifierContext;
import io.vigil.compiler.grammar.SigmaConditionParser.NamePatternContext;
import io.vigil.compiler.grammar.SigmaConditionParser.NotExpressionContext;
import io.vigil.compiler.grammar.SigmaConditionParser.NotTermContext;
import io.vigil.compiler.grammar.SigmaConditionParser.ParenthesizedContext;
import io.vigil.compiler.grammar.SigmaConditionParser.PrimaryContext;
import io.vigil.compiler.grammar.SigmaConditionParser.PrimaryTermContext;
import io.vigil.compiler.grammar.SigmaConditionParser.SelectorContext;
import io.vigil.compiler.grammar.SigmaConditionParser.SigmaConditionContext;
import io.vigil.compiler.source.Diagnostic;
import io.vigil.compiler.source.DiagnosticCode;
import io.vigil.compiler.source.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;

/** Turns the parse tree of a Sigma condition into {@link SigmaCondition} records. */
final class SigmaConditionBuilder {
    private final SigmaConditionParser.Positions positions;
    private final List<Diagnostic> diagnostics;

    SigmaConditionBuilder(SigmaConditionParser.Positions positions, List<Diagnostic> diagnostics) {
        this.positions = positions;
        this.diagnostics = diagnostics;
    }

    SigmaCondition build(SigmaConditionContext tree) {
        if (tree.aggregation() != null) {
            diagnostics.add(new Diagnostic(position(tree.aggregation().getStart()), DiagnosticCode.UNSUPPORTED_FEATURE,
                    "aggregation expressions in the condition ('| count() ...', deprecated Sigma 1 syntax) are not"
                            + " supported; use a Sigma correlation rule or a Vigil burst rule"));
        }
        return expression(tree.expression());
    }

    private SigmaCondition expression(ExpressionContext ctx) {
        List<SigmaCondition> terms = new ArrayList<>();
        for (AndExpressionContext and : ctx.orExpression().andExpression()) {
            List<SigmaCondition> factors = new ArrayList<>();
            for (NotExpressionContext not : and.notExpression()) {
                factors.add(not(not));
            }
            terms.add(factors.size() == 1 ? factors.get(0) : new SigmaCondition.And(factors));
        }
        return terms.size() == 1 ? terms.get(0) : new SigmaCondition.Or(terms);
    }

    private SigmaCondition not(NotExpressionContext ctx) {
        if (ctx instanceof NotTermContext n) {
            return new SigmaCondition.Not(not(n.notExpression()));
        }
        return primary(((PrimaryTermContext) ctx).primary());
    }

    private SigmaCondition primary(PrimaryContext ctx) {
        if (ctx instanceof ParenthesizedContext p) {
            return expression(p.expression());
        }
        if (ctx instanceof IdentifierContext i) {
            return new SigmaCondition.Identifier(i.IDENTIFIER().getText(), position(i.getStart()));
        }
        if (ctx instanceof SelectorContext s) {
            SigmaCondition.Quantifier quantifier = s.quantifier().ALL() != null
                    ? SigmaCondition.Quantifier.ALL : SigmaCondition.Quantifier.ONE;
            if (s.target() instanceof NamePatternContext n) {
                return new SigmaCondition.Selector(quantifier, n.name.getText(), false, position(s.getStart()));
            }
            return new SigmaCondition.Selector(quantifier, "them", true, position(s.getStart()));
        }
        throw new IllegalStateException("unhandled condition: " + ctx.getClass().getSimpleName());
    }

    private SourcePosition position(Token token) {
        return positions.at(Math.max(1, token.getLine()), token.getCharPositionInLine());
    }
}
