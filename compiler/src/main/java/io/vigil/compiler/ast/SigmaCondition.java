package io.vigil.compiler.ast;

import static java.util.Objects.requireNonNull;

import io.vigil.compiler.source.SourcePosition;
import java.util.List;

/**
 * The parsed condition of a Sigma rule, before its names are resolved against the detections
 * (pySigma {@code sigma/conditions.py}).
 */
public sealed interface SigmaCondition {
    /** Every term holds. */
    record And(List<SigmaCondition> terms) implements SigmaCondition {
        public And {
            terms = List.copyOf(requireNonNull(terms, "terms is null"));
            if (terms.size() < 2) {
                throw new IllegalArgumentException("And has at least two terms");
            }
        }
    }

    /** Some term holds. */
    record Or(List<SigmaCondition> terms) implements SigmaCondition {
        public Or {
            terms = List.copyOf(requireNonNull(terms, "terms is null"));
            if (terms.size() < 2) {
                throw new IllegalArgumentException("Or has at least two terms");
            }
        }
    }

    /** Negation. */
    record Not(SigmaCondition term) implements SigmaCondition {
        public Not {
            requireNonNull(term, "term is null");
        }
    }

    /** A detection named in the condition. */
    record Identifier(String name, SourcePosition position) implements SigmaCondition {
        public Identifier {
            requireNonNull(name, "name is null");
            requireNonNull(position, "position is null");
        }
    }

    /**
     * {@code 1 of X}, {@code any of X} or {@code all of X}, where X is a name, a pattern with
     * {@code *}, or {@code them}.
     */
    record Selector(Quantifier quantifier, String pattern, boolean them, SourcePosition position)
            implements SigmaCondition {
        public Selector {
            requireNonNull(quantifier, "quantifier is null");
            requireNonNull(pattern, "pattern is null");
            requireNonNull(position, "position is null");
        }
    }

    /** {@code 1 of} / {@code any of} (one is enough) or {@code all of}. */
    enum Quantifier {
        ONE,
        ALL
    }
}
