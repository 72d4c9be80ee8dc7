package io.vigil.connectors.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ContextInfoTest {
    @Test
    void splitsKeyLinesOnTheFirstBlankEqualsBlank() {
        Map<String, String> keys = ContextInfo.parse("        Host Application = a = b\n        Command Name = X\n");
        assertThat(keys).containsEntry("Host Application", "a = b").containsEntry("Command Name", "X");
    }

    @Test
    void lineIndentedLessThanEightBlanksContinuesTheValue() {
        Map<String, String> keys = ContextInfo.parse("        Host Application = a\r\n   Not A = Key\r\n        User = u\r\n");
        assertThat(keys).containsEntry("Host Application", "a\n   Not A = Key").containsEntry("User", "u");
    }

    @Test
    void indentedCodeWithAnEqualsSignIsNotAKey() {
        Map<String, String> keys = ContextInfo.parse("        Host Application = pwsh -c {\n"
                + "            $x = 1\n        }\n        User = u");
        assertThat(keys).containsOnlyKeys("Host Application", "User");
        assertThat(keys.get("Host Application")).isEqualTo("pwsh -c {\n            $x = 1\n        }");
    }

    @Test
    void keyWithoutValueIsEmptyEvenWhenTheTrailingBlankIsGone() {
        Map<String, String> keys = ContextInfo.parse("        Script Name =\r\n        Command Path = \r\n");
        assertThat(keys).containsEntry("Script Name", "").containsEntry("Command Path", "");
    }

    @Test
    void firstOccurrenceOfAKeyWins() {
        Map<String, String> keys = ContextInfo.parse("        User = a\n        User = b\n");
        assertThat(keys).containsEntry("User", "a");
    }
}
