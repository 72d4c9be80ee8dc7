package io.vigil.engine.match;

/**
 * Tests one string value. Case-insensitive matchers declare {@link #folded()} and receive values
 * already case-folded by {@link io.vigil.connectors.event.CaseFolding}; their pattern was folded
 * the same way when the rule was bound.
 */
public interface StringMatcher {
    boolean matches(String value);

    /** True when the value must be case-folded before {@link #matches}. */
    boolean folded();

    /** A short description for explain output and error messages. */
    String describe();
}
