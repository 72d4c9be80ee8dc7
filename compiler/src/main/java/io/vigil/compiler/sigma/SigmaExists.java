package io.vigil.compiler.sigma;

/** {@code exists: true|false}: the field is present (null and empty included), or not. */
public record SigmaExists(boolean exists) implements SigmaValue {
    @Override
    public String kind() {
        return "an existence test";
    }
}
