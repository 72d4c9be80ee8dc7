package io.vigil.compiler.sigma;

import static io.vigil.compiler.sigma.SigmaFixtures.rule;
import static io.vigil.compiler.sigma.SigmaFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The condition grammar: precedence not > and > or, parentheses, {@code 1 of}/{@code all of} selectors. */
class SigmaConditionTest {
    private static final String DETECTIONS = "  a:\n    Image: a\n  b:\n    Image: b\n  c:\n    Image: c\n"
            + "  sel_x:\n    CommandLine: x\n  sel_y:\n    CommandLine: y\n  _hidden:\n    User: h\n";

    static Stream<Arguments> conditions() {
        return Stream.of(
                Arguments.of("a or b and not c", "or\n  Image eq 'a'\n  and\n    Image eq 'b'\n    not\n"
                        + "      Image eq 'c'\n"),
                Arguments.of("(a or b) and not c", "and\n  or\n    Image eq 'a'\n    Image eq 'b'\n  not\n"
                        + "    Image eq 'c'\n"),
                Arguments.of("not not a", "Image eq 'a'\n"),
                Arguments.of("not (a and b)", "not\n  and\n    Image eq 'a'\n    Image eq 'b'\n"),
                Arguments.of("1 of sel_*", "or\n  CommandLine eq 'x'\n  CommandLine eq 'y'\n"),
                Arguments.of("any of sel_*", "or\n  CommandLine eq 'x'\n  CommandLine eq 'y'\n"),
                Arguments.of("all of sel_*", "and\n  CommandLine eq 'x'\n  CommandLine eq 'y'\n"),
                Arguments.of("all of sel_x", "CommandLine eq 'x'\n"),
                Arguments.of("a and not 1 of sel*", "and\n  Image eq 'a'\n  not\n    or\n      CommandLine eq 'x'\n"
                        + "      CommandLine eq 'y'\n"),
                Arguments.of("1 of them", "or\n  Image eq 'a'\n  Image eq 'b'\n  Image eq 'c'\n  CommandLine eq 'x'\n"
                        + "  CommandLine eq 'y'\n"),
                Arguments.of("all of them and _hidden", "and\n  Image eq 'a'\n  Image eq 'b'\n  Image eq 'c'\n"
                        + "  CommandLine eq 'x'\n  CommandLine eq 'y'\n  User eq 'h'\n"),
                Arguments.of("[a, b]", "or\n  Image eq 'a'\n  Image eq 'b'\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conditions")
    void resolvesTheCondition(String condition, String expected) {
        String yaml = rule(DETECTIONS + "  condition: " + condition + "\n");
        assertThat(tree(yaml)).isEqualTo(expected);
    }
}
