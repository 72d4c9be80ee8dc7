package io.vigil.compiler.source;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** Thrown by fail-fast compilation; carries every diagnostic found. */
public class RuleCompileException extends Exception {
    private final List<Diagnostic> diagnostics;

    public RuleCompileException(List<Diagnostic> diagnostics) {
        super(message(diagnostics));
        this.diagnostics = List.copyOf(requireNonNull(diagnostics, "diagnostics is null"));
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    private static String message(List<Diagnostic> diagnostics) {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            if (sb.length() > 0) {
                sb.append(System.lineSeparator());
            }
            sb.append(d);
        }
        return sb.toString();
    }
}
