package io.vigil.engine.match;

import static io.vigil.compiler.predicate.ValueMatcherSpec.Wildcard.QUESTION;
import static io.vigil.compiler.predicate.ValueMatcherSpec.Wildcard.STAR;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.compiler.predicate.Comparison;
import io.vigil.compiler.predicate.ValueMatcherSpec;
import io.vigil.connectors.event.CaseFolding;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatchersTest {
    private static boolean matches(ValueMatcherSpec spec, String value) {
        StringMatcher m = Matchers.create(spec);
        return m.matches(m.folded() ? CaseFolding.fold(value) : value);
    }

    @Test
    void caseInsensitiveByDefaultAndLocaleIndependent() {
        // surefire runs this JVM with a Turkish default locale: 'I' must still fold to 'i'
        assertThat(matches(new ValueMatcherSpec.Suffix("\\NET.EXE", false), "C:\\Windows\\System32\\net.exe")).isTrue();
        assertThat(matches(new ValueMatcherSpec.Equals("WHOAMI.EXE", false), "whoami.exe")).isTrue();
        assertThat(matches(new ValueMatcherSpec.Contains("ipconfig", false), "IPCONFIG /all")).isTrue();
        assertThat(matches(new ValueMatcherSpec.Equals("straße", false), "STRASSE")).isFalse();
        assertThat(matches(new ValueMatcherSpec.Equals("ÖDEGÅRD", false), "ödegård")).isTrue();
        // Kelvin sign folds to k; the Turkish dotted capital I has no simple folding
        assertThat(matches(new ValueMatcherSpec.Equals("\u212Aerberos", false), "kerberos")).isTrue();
        assertThat(matches(new ValueMatcherSpec.Equals("\u0130PCONFIG", false), "ipconfig")).isFalse();
        assertThat(matches(new ValueMatcherSpec.Contains("IPCONFIG", false), "ipconfig /all")).isTrue();
    }

    @Test
    void casedIsExact() {
        assertThat(matches(new ValueMatcherSpec.Equals("net.exe", true), "NET.EXE")).isFalse();
        assertThat(matches(new ValueMatcherSpec.Equals("net.exe", true), "net.exe")).isTrue();
        assertThat(matches(new ValueMatcherSpec.Regex("net", true), "NET")).isFalse();
        assertThat(matches(new ValueMatcherSpec.Regex("net", false), "NET")).isTrue();
    }

    @Test
    void wildcardStarAndQuestion() {
        ValueMatcherSpec spec = new ValueMatcherSpec.Wildcard(List.of(QUESTION, ":\\teamcity\\", STAR, ".ps1"), false);
        assertThat(matches(spec, "C:\\TeamCity\\buildAgent\\work\\x.ps1")).isTrue();
        assertThat(matches(spec, "CD:\\TeamCity\\x.ps1")).isFalse();
        ValueMatcherSpec q = new ValueMatcherSpec.Wildcard(List.of("a", QUESTION, "c"), false);
        assertThat(matches(q, "abc")).isTrue();
        assertThat(matches(q, "ac")).isFalse();
        assertThat(matches(q, "abbc")).isFalse();
        ValueMatcherSpec inner = new ValueMatcherSpec.Wildcard(List.of(STAR, "net", STAR, "use", STAR), false);
        assertThat(matches(inner, "cmd /c net  use x")).isTrue();
        assertThat(matches(inner, "use net")).isFalse();
    }

    @Test
    void wildcardWorstCaseStaysQuick() {
        ValueMatcherSpec spec = new ValueMatcherSpec.Wildcard(
                List.of(STAR, "a", STAR, "a", STAR, "a", STAR, "a", STAR, "b"), false);
        // quadratic at most; a backtracking matcher would take exponential time here
        assertThat(matches(spec, "a".repeat(20_000))).isFalse();
    }

    @Test
    void numericComparisons() {
        ValueMatcherSpec eq = new ValueMatcherSpec.NumericCompare(Comparison.EQ, new BigDecimal(999));
        assertThat(matches(eq, "999")).isTrue();
        assertThat(matches(eq, "0x3e7")).isFalse();
        assertThat(matches(new ValueMatcherSpec.NumericCompare(Comparison.GT, BigDecimal.TEN), "11")).isTrue();
        assertThat(matches(new ValueMatcherSpec.NumericCompare(Comparison.GT, BigDecimal.TEN), "abc")).isFalse();
    }

    @Test
    void regexIsLinearTime() {
        // catastrophic for a backtracking engine, linear for RE2
        ValueMatcherSpec spec = new ValueMatcherSpec.Regex("(a+)+$", true);
        assertThat(matches(spec, "a".repeat(50_000) + "!")).isFalse();
    }
}
