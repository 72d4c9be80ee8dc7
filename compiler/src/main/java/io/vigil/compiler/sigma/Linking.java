package io.vigil.compiler.sigma;

/** How the parts of a detection, or the values of an item, combine. */
public enum Linking {
    AND,
    OR
}
