package io.vigil.benchmarks.match;

import io.vigil.compiler.predicate.ValueMatcherSpec;
import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.FieldTable;
import io.vigil.engine.match.Matchers;
import io.vigil.engine.match.StringMatcher;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The field-matching hot path: case-insensitive {@code contains}, {@code endswith} and {@code eq}
 * of one command-line field against {@code rules} patterns, as a rule pack tests one field of one
 * event. {@code vigil} folds the event's value once (as {@link Event#folded} does) and runs
 * Vigil's compiled matchers, whose patterns were folded at bind time. {@code baseline} is the
 * straightforward engine: {@code toLowerCase(Locale.ROOT)} on both sides and {@code String}'s
 * own test, per pattern. Both run in the same JMH run, so report vigil / baseline.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class FieldMatcherBenchmark {
    private static final int EVENTS = 1024;
    private static final String[] BINARIES = {
        "net.exe", "net1.exe", "netstat.exe", "arp.exe", "whoami.exe", "ipconfig.exe", "nltest.exe", "netsh.exe",
        "tasklist.exe", "quser.exe", "nbtstat.exe", "route.exe", "systeminfo.exe", "cmdkey.exe", "tracert.exe",
        "driverquery.exe", "powershell.exe", "cmd.exe", "rundll32.exe", "wmic.exe"
    };

    @Param({"contains", "endswith", "eq"})
    public String operator;

    @Param({"ascii", "unicode"})
    public String charset;

    @Param({"hit", "miss"})
    public String outcome;

    @Param({"short", "long"})
    public String length;

    @Param({"1", "20"})
    public int rules;

    private Event[] events;
    private String[] values;
    private int slot;
    private StringMatcher[] matchers;
    private String[] loweredPatterns;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(42);
        slot = FieldTable.slot("CommandLine");
        String[] patterns = new String[rules];
        for (int i = 0; i < rules; i++) {
            String binary = BINARIES[i % BINARIES.length];
            patterns[i] = switch (operator) {
                case "contains" -> " " + binary.replace(".exe", "") + " /ALL";
                case "endswith" -> "\\" + binary.toUpperCase(Locale.ROOT);
                default -> "C:\\Windows\\System32\\" + binary;
            };
        }
        matchers = new StringMatcher[rules];
        loweredPatterns = new String[rules];
        for (int i = 0; i < rules; i++) {
            ValueMatcherSpec spec = switch (operator) {
                case "contains" -> new ValueMatcherSpec.Contains(patterns[i], false);
                case "endswith" -> new ValueMatcherSpec.Suffix(patterns[i], false);
                default -> new ValueMatcherSpec.Equals(patterns[i], false);
            };
            matchers[i] = Matchers.create(spec);
            loweredPatterns[i] = patterns[i].toLowerCase(Locale.ROOT);
        }
        events = new Event[EVENTS];
        values = new String[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            String value = value(random, patterns);
            values[i] = value;
            events[i] = Event.builder("bench", "record " + i).put("CommandLine", value).build();
        }
    }

    private String value(Random random, String[] patterns) {
        String target = patterns[random.nextInt(patterns.length)];
        String padding = "long".equals(length)
                ? " -ExecutionPolicy Bypass -NoProfile -WindowStyle Hidden -Command \"& {Get-ChildItem C:\\Users\\"
                        + "Public\\Documents | Where-Object { $_.Length -gt " + random.nextInt(100000) + " }}\" "
                : " ";
        String user = "unicode".equals(charset) ? "C:\\Users\\Jürgen.Ödegård\\Документы\\" : "C:\\Users\\Public\\";
        String hit = switch (operator) {
            case "contains" -> "cmd.exe /c " + user + "tool.exe" + padding + target.toUpperCase(Locale.ROOT) + padding;
            case "endswith" -> user + padding.trim() + "C:\\WINDOWS\\system32" + target;
            default -> target.toUpperCase(Locale.ROOT);
        };
        if ("hit".equals(outcome)) {
            return hit;
        }
        // a miss that shares most of its text with a hit
        return hit.substring(0, hit.length() - 2) + "_X";
    }

    /** Vigil: fold the event's field once, then run every compiled matcher. */
    @Benchmark
    public int vigil() {
        int i = next++ & (EVENTS - 1);
        // a fresh copy of the event, as every event arrives with an empty fold cache
        Event event = Event.builder("bench", "x").put("CommandLine", values[i]).build();
        String folded = event.folded(slot);
        int hits = 0;
        for (StringMatcher m : matchers) {
            if (m.matches(folded)) {
                hits++;
            }
        }
        return hits;
    }

    /** Baseline: lower-case the value for every pattern, then String's own test. */
    @Benchmark
    public int baseline() {
        int i = next++ & (EVENTS - 1);
        Event event = Event.builder("bench", "x").put("CommandLine", values[i]).build();
        String value = event.string(slot);
        int hits = 0;
        for (String pattern : loweredPatterns) {
            String lowered = value.toLowerCase(Locale.ROOT);
            boolean hit = switch (operator) {
                case "contains" -> lowered.contains(pattern);
                case "endswith" -> lowered.endsWith(pattern);
                default -> lowered.equals(pattern);
            };
            if (hit) {
                hits++;
            }
        }
        return hits;
    }
}
