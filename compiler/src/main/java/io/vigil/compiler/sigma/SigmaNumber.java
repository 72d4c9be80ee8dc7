package io.vigil.compiler.sigma;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/** A YAML number; {@code text} is how the rule wrote it. */
public record SigmaNumber(BigDecimal value, String text) implements SigmaValue {
    public SigmaNumber {
        requireNonNull(value, "value is null");
        requireNonNull(text, "text is null");
    }

    @Override
    public String kind() {
        return "a number";
    }
}
