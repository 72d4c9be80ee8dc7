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
    IO,
    /** A Sigma modifier that does not exist. */
    UNKNOWN_MODIFIER,
    /** A Sigma construct Vigil does not run (the message names it). */
    UNSUPPORTED_FEATURE,
    /** A Sigma logsource no mapping covers. */
    UNSUPPORTED_LOGSOURCE,
    /** A field no event type of the rule's logsource carries (a warning). */
    UNKNOWN_FIELD,
    /** A Sigma condition naming a detection that does not exist, or a detection nothing names. */
    UNDEFINED_IDENTIFIER,
    /** A Sigma {@code expand} placeholder with no configured value. */
    UNKNOWN_PLACEHOLDER
}
