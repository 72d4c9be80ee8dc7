package io.vigil.compiler.sigma;

/**
 * A value of a Sigma detection item, before or after its modifiers were applied (pySigma
 * {@code sigma/types.py}). Every value is an immutable record; modifiers return new values.
 */
public sealed interface SigmaValue permits SigmaString, SigmaNumber, SigmaBool, SigmaNull, SigmaRegex, SigmaCidr,
        SigmaExpansion, SigmaFieldRef, SigmaCompare, SigmaExists {
    /** A short description for messages, e.g. {@code a number}. */
    String kind();
}
