package io.vigil.engine.match;

import com.google.re2j.Pattern;
import io.vigil.compiler.predicate.IpNetwork;
import io.vigil.compiler.predicate.ValueMatcherSpec;
import io.vigil.connectors.event.CaseFolding;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Builds the final matcher classes from compiled value specs. */
public final class Matchers {
    private Matchers() {
    }

    public static StringMatcher create(ValueMatcherSpec spec) {
        if (spec instanceof ValueMatcherSpec.Equals s) {
            return new Exact(fold(s.value(), s.cased()), !s.cased());
        }
        if (spec instanceof ValueMatcherSpec.Prefix s) {
            return new Prefix(fold(s.value(), s.cased()), !s.cased());
        }
        if (spec instanceof ValueMatcherSpec.Suffix s) {
            return new Suffix(fold(s.value(), s.cased()), !s.cased());
        }
        if (spec instanceof ValueMatcherSpec.Contains s) {
            return new Contains(fold(s.value(), s.cased()), !s.cased());
        }
        if (spec instanceof ValueMatcherSpec.Wildcard s) {
            List<Object> parts = new ArrayList<>();
            for (Object p : s.parts()) {
                parts.add(p instanceof String str ? fold(str, s.cased()) : p);
            }
            return new WildcardMatcher(parts, !s.cased());
        }
        if (spec instanceof ValueMatcherSpec.Regex s) {
            return new RegexMatcher(Pattern.compile(s.pattern(), s.cased() ? 0 : Pattern.CASE_INSENSITIVE), s.pattern());
        }
        if (spec instanceof ValueMatcherSpec.NumericCompare s) {
            return new NumericMatcher(s);
        }
        if (spec instanceof ValueMatcherSpec.Cidr s) {
            return new CidrMatcher(IpNetwork.parse(s.network()), s.network());
        }
        throw new IllegalArgumentException("not a string matcher: " + spec);
    }

    /** One hash lookup for many equality tests of the same field. */
    public static StringMatcher anyOf(List<String> values, boolean cased) {
        Set<String> set = new HashSet<>();
        for (String v : values) {
            set.add(fold(v, cased));
        }
        return new ExactSet(set, !cased);
    }

    private static String fold(String value, boolean cased) {
        return cased ? value : CaseFolding.fold(value);
    }

    record Exact(String value, boolean folded) implements StringMatcher {
        @Override
        public boolean matches(String s) {
            return s.equals(value);
        }

        @Override
        public String describe() {
            return "eq " + value;
        }
    }

    record ExactSet(Set<String> values, boolean folded) implements StringMatcher {
        @Override
        public boolean matches(String s) {
            return values.contains(s);
        }

        @Override
        public String describe() {
            return "eq any of " + values.size();
        }
    }

    record Prefix(String value, boolean folded) implements StringMatcher {
        @Override
        public boolean matches(String s) {
            return s.startsWith(value);
        }

        @Override
        public String describe() {
            return "startswith " + value;
        }
    }

    record Suffix(String value, boolean folded) implements StringMatcher {
        @Override
        public boolean matches(String s) {
            return s.endsWith(value);
        }

        @Override
        public String describe() {
            return "endswith " + value;
        }
    }

    record Contains(String value, boolean folded) implements StringMatcher {
        @Override
        public boolean matches(String s) {
            return s.contains(value);
        }

        @Override
        public String describe() {
            return "contains " + value;
        }
    }

    record RegexMatcher(Pattern pattern, String source) implements StringMatcher {
        @Override
        public boolean matches(String s) {
            return pattern.matcher(s).find();
        }

        @Override
        public boolean folded() {
            return false;
        }

        @Override
        public String describe() {
            return "regex " + source;
        }
    }

    /** IPv4/IPv6 network membership; a value that is not a literal address never matches. */
    record CidrMatcher(IpNetwork network, String source) implements StringMatcher {
        @Override
        public boolean matches(String s) {
            return network.contains(IpNetwork.parseAddress(s));
        }

        @Override
        public boolean folded() {
            return false;
        }

        @Override
        public String describe() {
            return "cidr " + source;
        }
    }

    /** Numeric comparison; the value must be a plain decimal number. */
    static final class NumericMatcher implements StringMatcher {
        private final ValueMatcherSpec.NumericCompare spec;

        NumericMatcher(ValueMatcherSpec.NumericCompare spec) {
            this.spec = spec;
        }

        @Override
        public boolean matches(String s) {
            BigDecimal value = parse(s);
            return value != null && spec.comparison().test(value.compareTo(spec.value()));
        }

        private static BigDecimal parse(String s) {
            String t = s.trim();
            if (t.isEmpty() || t.length() > 64) {
                return null;
            }
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (!(c >= '0' && c <= '9') && !(i == 0 && (c == '-' || c == '+')) && c != '.') {
                    return null;
                }
            }
            try {
                return new BigDecimal(t);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        @Override
        public boolean folded() {
            return false;
        }

        @Override
        public String describe() {
            return spec.comparison().keyword() + " " + spec.value();
        }
    }
}
