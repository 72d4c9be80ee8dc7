package io.vigil.compiler.source;

/** The categories of rule diagnostics. */
public enum DiagnosticCode {
    SYNTAX,
    UNKNOWN_FUNCTION,
    UNKNOWN_EVENT_TYPE,
    INCOMPATIBLE_MODIFIER,
    INVALID_VALUE,
    INVALID_REGEX,
    MISSING_CLAUSE,
    DUPLICATE_CLAUSE,
    DUPLICATE_RULE_ID,
    RULE_TOO_LARGE,
    IO
}
