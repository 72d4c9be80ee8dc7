package io.vigil.compiler.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.compiler.predicate.PredicateFormatter;
import io.vigil.compiler.source.Diagnostic;
import io.vigil.compiler.source.RuleText;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rule-language constructs added so that every Sigma rule has a native form: {@code cidr},
 * {@code field(<name>)} comparisons and decimal numbers.
 */
class SigmaExtensionsTest {
    private static final String HEADER = "rule 'r1' {\n title 't'\n level high\n source vigil\n events sysmon:1\n";

    private static RuleParser.Result parse(String match) {
        return RuleParser.parse(new RuleText("r.rule", HEADER + " match " + match + "\n}\n"));
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("DestinationIp cidr '10.0.0.0/8'", "DestinationIp cidr '10.0.0.0/8'\n"),
                Arguments.of("DestinationIp cidr any ['10.0.0.0/8', '::1']",
                        "or\n  DestinationIp cidr '10.0.0.0/8'\n  DestinationIp cidr '::1/128'\n"),
                Arguments.of("Image eq field(ParentImage)", "Image eq field(ParentImage)\n"),
                Arguments.of("Image eq cased field('Parent Image')", "Image eq cased field('Parent Image')\n"),
                Arguments.of("User contains field(ParentUser)", "User contains field(ParentUser)\n"),
                Arguments.of("basename(Image) startswith field(OriginalFileName)",
                        "basename(Image) startswith field(OriginalFileName)\n"),
                Arguments.of("Score gte 1.25", "Score gte 1.25\n"),
                Arguments.of("Score eq -0.5", "Score eq -0.5\n"),
                Arguments.of("cidr exists and field exists", "and\n  cidr exists\n  field exists\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parses(String match, String expected) {
        RuleParser.Result result = parse(match);
        assertThat(result.diagnostics()).isEmpty();
        assertThat(PredicateFormatter.format(result.rule().orElseThrow().predicate())).isEqualTo(expected);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("Ip cidr '10.0.0.1/8'", "r.rule:6:16: invalid network: '10.0.0.1/8' has host bits set"),
                Arguments.of("Ip cidr 'not-an-ip'", "r.rule:6:16: invalid network: not an IPv4 or IPv6 address:"
                        + " 'not-an-ip'"),
                Arguments.of("Ip cidr 10", "r.rule:6:16: 'cidr' takes a quoted network such as '10.0.0.0/8'"),
                Arguments.of("Ip cidr cased '10.0.0.0/8'", "r.rule:6:16: 'cased' does not apply to 'cidr'"),
                Arguments.of("Image regex field(ParentImage)", "r.rule:6:14: 'regex' does not compare with another"
                        + " field. Expecting one of: eq, startswith, endswith, contains"),
                Arguments.of("Image eq windash field(ParentImage)",
                        "r.rule:6:17: 'windash' does not apply to 'field(...)'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalid")
    void rejects(String match, String expected) {
        assertThat(parse(match).diagnostics()).extracting(Diagnostic::toString).containsExactly(expected);
    }
}
