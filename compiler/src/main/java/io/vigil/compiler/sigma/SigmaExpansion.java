package io.vigil.compiler.sigma;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Alternatives that stand for one value ({@code windash}, {@code base64offset}, placeholders):
 * the value matches when any alternative does, also under {@code |all}.
 */
public record SigmaExpansion(List<SigmaValue> values) implements SigmaValue {
    public SigmaExpansion {
        values = List.copyOf(requireNonNull(values, "values is null"));
    }

    @Override
    public String kind() {
        return "an expansion";
    }
}
