package io.vigil.connectors.event;

import java.util.Locale;

/**
 * The event types Vigil's rules apply to. The type follows from the channel (or provider) and the
 * event id together: an EventID 1 written into the Application log is {@link #OTHER}, not Sysmon 1.
 */
public enum EventType {
    SYSMON_1("sysmon:1"),
    SECURITY_4688("security:4688"),
    POWERSHELL_4103("powershell:4103"),
    POWERSHELL_4104("powershell:4104"),
    POWERSHELL_CLASSIC_400("powershell-classic:400"),
    OTHER("other");

    private final String id;

    EventType(String id) {
        this.id = id;
    }

    /** The name used in rule files and summaries, e.g. {@code sysmon:1}. */
    public String id() {
        return id;
    }

    public static EventType fromId(String id) {
        String wanted = id.toLowerCase(Locale.ROOT);
        for (EventType type : values()) {
            if (type.id.equals(wanted)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown event type: " + id);
    }

    /** True when an event with this EventID may be of a type other than {@link #OTHER}. */
    public static boolean ruleEventId(long eventId) {
        return eventId == 1 || eventId == 4688 || eventId == 4103 || eventId == 4104 || eventId == 400;
    }

    /**
     * Classifies an event. Channel and provider are compared ignoring case; when both are present
     * both must agree, when only one is present it decides.
     */
    public static EventType classify(String channel, String provider, int eventId) {
        if (!ruleEventId(eventId)) {
            return OTHER;
        }
        String ch = channel == null || channel.isEmpty() ? null : channel;
        String pr = provider == null || provider.isEmpty() ? null : provider;
        if (ch == null && pr == null) {
            return OTHER;
        }
        switch (eventId) {
            case 1:
                return agrees(ch, pr, "microsoft-windows-sysmon/operational", null, "microsoft-windows-sysmon", null)
                        ? SYSMON_1 : OTHER;
            case 4688:
                return agrees(ch, pr, "security", null, "microsoft-windows-security-auditing", null)
                        ? SECURITY_4688 : OTHER;
            case 4103:
            case 4104:
                boolean ps = agrees(ch, pr, "microsoft-windows-powershell/operational", "powershellcore/operational",
                        "microsoft-windows-powershell", "powershellcore");
                if (!ps) {
                    return OTHER;
                }
                return eventId == 4103 ? POWERSHELL_4103 : POWERSHELL_4104;
            case 400:
                return agrees(ch, pr, "windows powershell", null, "powershell", null) ? POWERSHELL_CLASSIC_400 : OTHER;
            default:
                return OTHER;
        }
    }

    private static boolean agrees(String channel, String provider, String ch1, String ch2, String pr1, String pr2) {
        boolean channelOk = channel == null || lowerEquals(channel, ch1) || (ch2 != null && lowerEquals(channel, ch2));
        boolean providerOk = provider == null || lowerEquals(provider, pr1) || (pr2 != null && lowerEquals(provider, pr2));
        return channelOk && providerOk;
    }

    /**
     * {@code s.toLowerCase(Locale.ROOT).equals(lower)} for a lower-case ASCII {@code lower},
     * without making the lower-case copy. Lower-casing never shortens a string, and the only
     * character outside ASCII whose lower case is ASCII is U+212A KELVIN SIGN ({@code k}); every
     * other one stays outside ASCII (U+0130 becomes {@code i} and a combining dot), so a string of
     * another length, or with any other such character, cannot match.
     */
    static boolean lowerEquals(String s, String lower) {
        int n = s.length();
        if (n != lower.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            char l = lower.charAt(i);
            if (c != l && !(c >= 'A' && c <= 'Z' && c + ('a' - 'A') == l) && !(c == '\u212A' && l == 'k')) {
                return false;
            }
        }
        return true;
    }
}
