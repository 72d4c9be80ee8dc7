package io.vigil.compiler.sigma;

import io.vigil.compiler.source.DiagnosticCode;

/** A modifier that cannot apply to a value; the reader reports it at the modifier's position. */
public final class ModifierException extends Exception {
    private final DiagnosticCode code;

    public ModifierException(DiagnosticCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public DiagnosticCode code() {
        return code;
    }
}
