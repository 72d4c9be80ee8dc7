package io.vigil.compiler.parser;

import io.vigil.compiler.grammar.DetectionRuleLexer;
import io.vigil.compiler.source.Diagnostic;
import io.vigil.compiler.source.DiagnosticCode;
import io.vigil.compiler.source.SourcePosition;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/** Keeps the first syntax error, with a message naming what was found and what was expected. */
final class SyntaxErrors extends BaseErrorListener {
    private final String sourceName;
    private Diagnostic first;

    SyntaxErrors(String sourceName) {
        this.sourceName = sourceName;
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
            if (token.getType() == DetectionRuleLexer.UNRECOGNIZED && ("'".equals(text) || "\"".equals(text))) {
                message = "unterminated string";
            } else if (token.getType() == DetectionRuleLexer.UNRECOGNIZED) {
                message = "unexpected character '" + text + "'";
            } else if (msg.startsWith("mismatched input") || msg.startsWith("extraneous input")
                    || msg.startsWith("no viable alternative")) {
                String found = token.getType() == Token.EOF ? "end of file" : "'" + text + "'";
                message = "unexpected " + found;
                int at = msg.indexOf(" expecting ");
                if (at >= 0) {
                    message += ". Expecting: " + msg.substring(at + " expecting ".length());
                }
            }
        }
        first = new Diagnostic(new SourcePosition(sourceName, Math.max(1, line), charPositionInLine + 1),
                DiagnosticCode.SYNTAX, message);
    }
}
