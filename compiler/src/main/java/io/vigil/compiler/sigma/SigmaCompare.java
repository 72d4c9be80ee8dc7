package io.vigil.compiler.sigma;

import static java.util.Objects.requireNonNull;

import io.vigil.compiler.predicate.Comparison;
import java.math.BigDecimal;

/** A numeric comparison ({@code gt}, {@code gte}, {@code lt}, {@code lte}). */
public record SigmaCompare(Comparison comparison, BigDecimal value) implements SigmaValue {
    public SigmaCompare {
        requireNonNull(comparison, "comparison is null");
        requireNonNull(value, "value is null");
    }

    @Override
    public String kind() {
        return "a comparison";
    }
}
