package io.vigil.compiler.source;

import static java.util.Objects.requireNonNull;

/**
 * One problem found in a rule, printed as {@code file:line:col: message}. An error rejects the
 * rule; a warning (lint) does not, and prints as {@code warning: file:line:col: message}.
 */
public record Diagnostic(SourcePosition position, DiagnosticCode code, String message, Severity severity) {
    /** How serious a diagnostic is. */
    public enum Severity {
        /** The rule is rejected. */
        ERROR,
        /** The rule loads; something in it is probably not what its author meant. */
        WARNING
    }

    public Diagnostic {
        requireNonNull(position, "position is null");
        requireNonNull(code, "code is null");
        requireNonNull(message, "message is null");
        requireNonNull(severity, "severity is null");
    }

    /** An error. */
    public Diagnostic(SourcePosition position, DiagnosticCode code, String message) {
        this(position, code, message, Severity.ERROR);
    }

    /** A warning: reported, but the rule still loads. */
    public static Diagnostic warning(SourcePosition position, DiagnosticCode code, String message) {
        return new Diagnostic(position, code, message, Severity.WARNING);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return severity == Severity.ERROR ? position + ": " + message : "warning: " + position + ": " + message;
    }
}
