package io.vigil.compiler.lower;

import static io.vigil.compiler.predicate.ValueMatcherSpec.Wildcard.QUESTION;
import static io.vigil.compiler.predicate.ValueMatcherSpec.Wildcard.STAR;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.compiler.predicate.PredicateFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

class WildcardsTest {
    @Test
    void followsSigmaEscaping() {
        // \\ is one backslash, \* a literal star, a backslash before anything else is literal
        assertThat(Wildcards.parse("\\\\\\\\*\\IPC$")).containsExactly("\\\\", STAR, "\\IPC$");
        assertThat(Wildcards.parse("\\\\\\\\\\*\\IPC$")).containsExactly("\\\\*\\IPC$");
        assertThat(Wildcards.parse("\\\\*\\IPC$")).containsExactly("\\", STAR, "\\IPC$");
        assertThat(Wildcards.parse("\\\\\\*\\IPC$")).containsExactly("\\*\\IPC$");
        assertThat(Wildcards.parse("AppData\\Local\\Temp\\")).containsExactly("AppData\\Local\\Temp\\");
        assertThat(Wildcards.parse("a?b**c")).containsExactly("a", QUESTION, "b", STAR, "c");
    }

    @Test
    void formatterWritesPatternsBackLosslessly() {
        for (String pattern : List.of("\\\\*\\IPC$", "\\\\\\*\\IPC$", "a\\*b?c*", "C:\\Temp\\", "x\\\\")) {
            List<Object> parts = Wildcards.parse(pattern);
            assertThat(Wildcards.parse(PredicateFormatter.wildcardText(parts))).isEqualTo(parts);
        }
    }

    @Test
    void windashLeavesInnerDashes() {
        assertThat(Windash.expand("Get-NetTCPConnection")).containsExactly("Get-NetTCPConnection");
        assertThat(Windash.expand(" -a -n")).hasSize(25).contains(" -a /n", " /a \u2013n");
        assertThat(Windash.expand("-ano")).hasSize(5);
    }
}
