package io.vigil.compiler.parser;

import io.vigil.compiler.grammar.SigmaConditionLexer;
import io.vigil.compiler.source.Diagnostic;
import io.vigil.compiler.source.DiagnosticCode;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/** Keeps the first syntax error of a Sigma condition, placed in the rule file. */
final class ConditionSyntaxErrors extends BaseErrorListener {
    /** What may start a condition term, in words. */
    static final String TERM = "<detection name>, 'not', '(', '1 of', 'any of' or 'all of'";

    private final SigmaConditionParser.Positions positions;
    private Diagnostic first;

    ConditionSyntaxErrors(SigmaConditionParser.Positions positions) {
        this.positions = positions;
    }

    Diagnostic first() {
        return first;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
            String msg, RecognitionException e) {
        if (first != null) {
            return;
        }
        String message = msg;
        if (offendingSymbol instanceof Token token) {
            String text = token.getText();
            if (token.getType() == SigmaConditionLexer.UNRECOGNIZED) {
                message = "unexpected character '" + text + "' in condition";
            } else {
                message = token.getType() == Token.EOF ? "unexpected end of condition"
                        : "unexpected '" + text + "' in condition";
                int at = msg.indexOf(" expecting ");
                if (at >= 0) {
                    String expected = msg.substring(at + " expecting ".length());
                    message += ". Expecting: " + (expected.contains("IDENTIFIER") && expected.contains("'('")
                            ? TERM : expected.replace("IDENTIFIER", "<detection name>")
                                    .replace("PATTERN", "<name pattern>"));
                } else if (msg.startsWith("no viable alternative")) {
                    message += ". Expecting: " + TERM;
                }
            }
        }
        first = new Diagnostic(positions.at(Math.max(1, line), charPositionInLine), DiagnosticCode.SYNTAX, message);
    }
}
