package io.vigil.compiler.predicate;

import java.util.Optional;

/** How a value is derived from a field before it is matched. */
public enum Derivation {
    /** The field's own value. */
    NONE(""),
    /** The text after the last backslash or slash of a path (Splunk process_name, ECS process.name). */
    BASENAME("basename"),
    /** The argv tokens of a command line, split as CommandLineToArgvW does (ECS process.args). */
    ARGS("args"),
    /** Splunk index tokens: the value split on major and minor breakers. */
    TOKENS("tokens"),
    /** Splunk TERM() segments: the value split on major breakers only. */
    TERMS("terms");

    private final String functionName;

    Derivation(String functionName) {
        this.functionName = functionName;
    }

    public String functionName() {
        return functionName;
    }

    public static Optional<Derivation> fromFunctionName(String name) {
        for (Derivation d : values()) {
            if (d != NONE && d.functionName.equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
