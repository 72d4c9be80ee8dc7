package io.vigil.compiler.predicate;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.List;

/** What a leaf tests a value for. String tests are case-insensitive unless {@code cased}. */
public sealed interface ValueMatcherSpec {
    /** Full-string equality. */
    record Equals(String value, boolean cased) implements ValueMatcherSpec {
        public Equals {
            requireNonNull(value, "value is null");
        }
    }

    /** Prefix test. */
    record Prefix(String value, boolean cased) implements ValueMatcherSpec {
        public Prefix {
            requireNonNull(value, "value is null");
        }
    }

    /** Suffix test. */
    record Suffix(String value, boolean cased) implements ValueMatcherSpec {
        public Suffix {
            requireNonNull(value, "value is null");
        }
    }

    /** Substring test. */
    record Contains(String value, boolean cased) implements ValueMatcherSpec {
        public Contains {
            requireNonNull(value, "value is null");
        }
    }

    /**
     * A glob over the whole value: {@code *} matches any run, {@code ?} exactly one character. The
     * parts are literal text, {@link #STAR} or {@link #QUESTION}; escapes are already resolved.
     */
    record Wildcard(List<Object> parts, boolean cased) implements ValueMatcherSpec {
        public static final Object STAR = new Token("*");
        public static final Object QUESTION = new Token("?");

        public Wildcard {
            parts = List.copyOf(requireNonNull(parts, "parts is null"));
            for (Object p : parts) {
                if (!(p instanceof String) && p != STAR && p != QUESTION) {
                    throw new IllegalArgumentException("bad wildcard part: " + p);
                }
            }
        }

        private record Token(String text) {
            @Override
            public String toString() {
                return text;
            }
        }
    }

    /** An unanchored regular expression search, run on a linear-time engine. */
    record Regex(String pattern, boolean cased) implements ValueMatcherSpec {
        public Regex {
            requireNonNull(pattern, "pattern is null");
        }
    }

    /** A numeric comparison; values that are not decimal numbers never match. */
    record NumericCompare(Comparison comparison, BigDecimal value) implements ValueMatcherSpec {
        public NumericCompare {
            requireNonNull(comparison, "comparison is null");
            requireNonNull(value, "value is null");
        }
    }

    /** The field is present, whatever its value (null and empty included). */
    record Exists() implements ValueMatcherSpec {
    }

    /**
     * The value is an IPv4 or IPv6 address inside a network, e.g. {@code 10.0.0.0/8} or
     * {@code fe80::/10}. The network is kept in its canonical text form; host bits must be zero.
     */
    record Cidr(String network) implements ValueMatcherSpec {
        public Cidr {
            requireNonNull(network, "network is null");
            network = IpNetwork.parse(network).toString();
        }
    }

    /**
     * The value compared with the value of another field of the same event (Sigma {@code fieldref}):
     * equal to it, or starting with, ending with or containing it. False when either field is absent
     * or null.
     */
    record FieldRefCompare(String otherField, Relation relation, boolean cased) implements ValueMatcherSpec {
        /** How the two values are compared. */
        public enum Relation {
            EQUALS("eq"),
            PREFIX("startswith"),
            SUFFIX("endswith"),
            CONTAINS("contains");

            private final String keyword;

            Relation(String keyword) {
                this.keyword = keyword;
            }

            /** The rule-language operator. */
            public String keyword() {
                return keyword;
            }
        }

        public FieldRefCompare {
            requireNonNull(otherField, "otherField is null");
            requireNonNull(relation, "relation is null");
            if (otherField.isEmpty()) {
                throw new IllegalArgumentException("field name is empty");
            }
        }
    }

    /** The field is absent or present with a null value. */
    record IsNull() implements ValueMatcherSpec {
    }
}
