package io.vigil.compiler.sigma;

/** A YAML null: the field is absent or null. */
public record SigmaNull() implements SigmaValue {
    public static final SigmaNull INSTANCE = new SigmaNull();

    @Override
    public String kind() {
        return "null";
    }
}
