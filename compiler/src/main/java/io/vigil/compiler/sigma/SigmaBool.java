package io.vigil.compiler.sigma;

import static java.util.Objects.requireNonNull;

/** A YAML boolean; {@code text} is how the rule wrote it. */
public record SigmaBool(boolean value, String text) implements SigmaValue {
    public SigmaBool {
        requireNonNull(text, "text is null");
    }

    @Override
    public String kind() {
        return "a boolean";
    }
}
