package io.vigil.compiler.parser;

import io.vigil.compiler.grammar.DetectionRuleParser;
import io.vigil.compiler.source.DiagnosticCode;
import org.antlr.v4.runtime.Token;

/** Decodes the two string forms of the rule language. */
final class Strings {
    private Strings() {
    }

    static String decode(DetectionRuleParser.StringContext ctx, RuleBuilder builder) {
        Token token = ctx.getStart();
        String text = token.getText();
        String body = text.substring(1, text.length() - 1);
        if (token.getType() == DetectionRuleParser.RAW_STRING) {
            return body.replace("''", "'");
        }
        StringBuilder sb = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char next = body.charAt(++i);
            switch (next) {
                case '\\' -> sb.append('\\');
                case '"' -> sb.append('"');
                case '\'' -> sb.append('\'');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (i + 4 < body.length() && body.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
                        sb.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
                        i += 4;
                    } else {
                        builder.error(token, DiagnosticCode.INVALID_VALUE, "bad \\u escape in string");
                    }
                }
                default -> builder.error(token, DiagnosticCode.INVALID_VALUE,
                        "unknown escape '\\" + next + "' in a double-quoted string (single-quoted strings keep"
                                + " backslashes as they are)");
            }
        }
        return sb.toString();
    }
}
