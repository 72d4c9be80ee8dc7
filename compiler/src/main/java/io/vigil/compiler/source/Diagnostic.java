package io.vigil.compiler.source;

import static java.util.Objects.requireNonNull;

/** One problem found in a rule, printed as {@code file:line:col: message}. */
public record Diagnostic(SourcePosition position, DiagnosticCode code, String message) {
    public Diagnostic {
        requireNonNull(position, "position is null");
        requireNonNull(code, "code is null");
        requireNonNull(message, "message is null");
    }

    @Override
    public String toString() {
        return position + ": " + message;
    }
}
