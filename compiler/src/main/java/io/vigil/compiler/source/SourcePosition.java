package io.vigil.compiler.source;

import static java.util.Objects.requireNonNull;

/** A 1-based position in a rule source, printed as {@code file:line:col}. */
public record SourcePosition(String sourceName, int line, int column) {
    public SourcePosition {
        requireNonNull(sourceName, "sourceName is null");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
    }

    @Override
    public String toString() {
        return sourceName + ":" + line + ":" + column;
    }
}
