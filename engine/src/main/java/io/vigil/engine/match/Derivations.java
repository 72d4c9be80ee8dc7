package io.vigil.engine.match;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The derived values of the rule language: basename, argv split and Splunk segmentation. */
public final class Derivations {
    /** Splunk's major breakers (single characters); {@code --} and URL-encoded forms are handled apart. */
    private static final String MAJOR = " \t\n\r[]<>(){}|!;,'\"*&?+";
    /** Splunk's minor breakers. */
    private static final String MINOR = "/:=@.-$#%\\_";
    private static final String[] ENCODED_MAJOR = {
        "%2520", "%2526", "%21", "%26", "%3b", "%7c", "%20", "%2b", "%3d", "%5d", "%5b", "%3a", "%0a", "%2c", "%28", "%29"
    };

    private Derivations() {
    }

    /** The text after the last backslash or slash; the value itself when it has neither. */
    public static String basename(String path) {
        int cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        return cut < 0 ? path : path.substring(cut + 1);
    }

    /**
     * Splits a command line into argv the way {@code CommandLineToArgvW} does (the rules in force
     * since 2008). argv[0] ends at the first blank, or at the closing quote when it starts with a
     * quote, and takes no escapes. In later arguments, 2n backslashes before a quote give n
     * backslashes and toggle quoting; 2n+1 give n backslashes and a literal quote; inside quotes a
     * doubled quote gives a literal quote; other backslashes are literal.
     */
    public static List<String> argv(String commandLine) {
        List<String> out = new ArrayList<>();
        int n = commandLine.length();
        int i = 0;
        // argv[0]
        StringBuilder arg = new StringBuilder();
        if (n > 0 && commandLine.charAt(0) == '"') {
            i = 1;
            while (i < n && commandLine.charAt(i) != '"') {
                arg.append(commandLine.charAt(i++));
            }
            if (i < n) {
                i++; // closing quote: argv[0] ends here even without a blank
            }
        } else {
            while (i < n && !blank(commandLine.charAt(i))) {
                arg.append(commandLine.charAt(i++));
            }
        }
        out.add(arg.toString());
        while (i < n && blank(commandLine.charAt(i))) {
            i++;
        }
        if (i >= n) {
            return out;
        }
        arg.setLength(0);
        boolean inQuotes = false;
        boolean any = false;
        while (i < n) {
            char c = commandLine.charAt(i);
            if (blank(c) && !inQuotes) {
                if (any) {
                    out.add(arg.toString());
                    arg.setLength(0);
                    any = false;
                }
                i++;
                continue;
            }
            any = true;
            if (c == '\\') {
                int run = 0;
                while (i < n && commandLine.charAt(i) == '\\') {
                    run++;
                    i++;
                }
                if (i < n && commandLine.charAt(i) == '"') {
                    arg.append("\\".repeat(run / 2));
                    if (run % 2 == 1) {
                        arg.append('"');
                        i++;
                    }
                } else {
                    arg.append("\\".repeat(run));
                }
            } else if (c == '"') {
                if (inQuotes && i + 1 < n && commandLine.charAt(i + 1) == '"') {
                    arg.append('"');
                    i += 2;
                } else {
                    inQuotes = !inQuotes;
                    i++;
                }
            } else {
                arg.append(c);
                i++;
            }
        }
        if (any) {
            out.add(arg.toString());
        }
        return out;
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\t';
    }

    /** Splunk TERM() segments: the value split on major breakers only. */
    public static List<String> terms(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String segment : majorSegments(text)) {
            out.add(segment);
        }
        return new ArrayList<>(out);
    }

    /**
     * Splunk index tokens: every major segment and every minor sub-segment of it, as Splunk
     * indexes both. A keyword search for {@code net} finds {@code net.exe}.
     */
    public static List<String> tokens(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String segment : majorSegments(text)) {
            out.add(segment);
            int start = 0;
            for (int i = 0; i <= segment.length(); i++) {
                if (i == segment.length() || MINOR.indexOf(segment.charAt(i)) >= 0) {
                    if (i > start) {
                        out.add(segment.substring(start, i));
                    }
                    start = i + 1;
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static List<String> majorSegments(String text) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        int start = 0;
        int i = 0;
        while (i < n) {
            int len = majorBreakerAt(text, i);
            if (len > 0) {
                if (i > start) {
                    out.add(text.substring(start, i));
                }
                i += len;
                start = i;
            } else {
                i++;
            }
        }
        if (start < n) {
            out.add(text.substring(start));
        }
        return out;
    }

    private static int majorBreakerAt(String s, int i) {
        char c = s.charAt(i);
        if (MAJOR.indexOf(c) >= 0) {
            return 1;
        }
        if (c == '-' && i + 1 < s.length() && s.charAt(i + 1) == '-') {
            return 2;
        }
        if (c == '%') {
            for (String enc : ENCODED_MAJOR) {
                if (s.regionMatches(true, i, enc, 0, enc.length())) {
                    return enc.length();
                }
            }
        }
        return 0;
    }
}
