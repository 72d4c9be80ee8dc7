package io.vigil.compiler.source;

import static java.util.Objects.requireNonNull;

/** The text of one rule file and the name diagnostics use for it. */
public record RuleText(String sourceName, String text) {
    public RuleText {
        requireNonNull(sourceName, "sourceName is null");
        requireNonNull(text, "text is null");
    }
}
