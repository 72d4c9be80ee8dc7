package io.vigil.connectors.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventTypeTest {
    @Test
    void classifiesByChannelAndProviderIgnoringCase() {
        assertThat(EventType.classify("Security", "Microsoft-Windows-Security-Auditing", 4688))
                .isEqualTo(EventType.SECURITY_4688);
        assertThat(EventType.classify("SECURITY", null, 4688)).isEqualTo(EventType.SECURITY_4688);
        assertThat(EventType.classify(null, "microsoft-windows-sysmon", 1)).isEqualTo(EventType.SYSMON_1);
        assertThat(EventType.classify("PowerShellCore/Operational", "PowerShellCore", 4104))
                .isEqualTo(EventType.POWERSHELL_4104);
        assertThat(EventType.classify("Windows PowerShell", "PowerShell", 400))
                .isEqualTo(EventType.POWERSHELL_CLASSIC_400);
        assertThat(EventType.classify("Application", null, 1)).isEqualTo(EventType.OTHER);
        assertThat(EventType.classify("Security", "Microsoft-Windows-Sysmon", 4688)).as("both must agree")
                .isEqualTo(EventType.OTHER);
        assertThat(EventType.classify("", "", 4688)).isEqualTo(EventType.OTHER);
    }

    @Test
    void nonAsciiNamesFoldAsTheRootLocaleDoes() {
        // U+0130 lower-cases to "i" and a combining dot in the root locale: not "security"
        assertThat(EventType.classify("SECUR\u0130TY", null, 4688)).isEqualTo(EventType.OTHER);
        // U+212A KELVIN SIGN lower-cases to "k"
        assertThat(EventType.lowerEquals("\u212A", "k")).isTrue();
        assertThat(EventType.lowerEquals("Security\u00e9", "security")).isFalse();
    }

    @Test
    void lowerEqualsIsTheRootLocaleLowerCaseComparison() {
        Random random = new Random(5);
        String alphabet = "sSeEcCuUrRiItTyY/-\u0130\u0131\u212A\u00c9";
        for (int round = 0; round < 20_000; round++) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(10);
            for (int i = 0; i < n; i++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = round % 3 == 0 ? "SeCuRiTy".substring(0, Math.min(8, n)) : s.toString();
            for (String lower : new String[] {"security", "secur", "", "i", "k"}) {
                assertThat(EventType.lowerEquals(text, lower)).as("%s vs %s", text, lower)
                        .isEqualTo(text.toLowerCase(Locale.ROOT).equals(lower));
            }
        }
    }
}
