package io.vigil.compiler.mapping;

import static java.util.Objects.requireNonNull;

import io.vigil.compiler.sigma.LogSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Sigma field mapping, read from data ({@code mappings/windows.yml} in the rules module): which
 * logsources run on which event types, how fields are renamed per event type, and which fields each
 * event type carries. Applied once, when a rule is compiled; events are never renamed.
 *
 * <p>When one Sigma field is read under different names on a rule's event types (IntegrityLevel on
 * Sysmon 1, MandatoryLabel on Security 4688), the rule tests every name: a value test is true when
 * any name's is, a null test when all are. That is exact because {@link MappingReader} checks that
 * no event type carries a name another event type of the same logsource reads the field under.
 */
public record MappingSet(String sourceName, List<LogSourceMapping> logsources, Map<String, String> renames,
        Map<String, EventTypeMapping> eventTypes, List<String> commonFields) {
    /** The event types Vigil evaluates (the {@code events} clause of the rule language). */
    public static final List<String> EVENT_TYPES = List.of(
            "sysmon:1", "security:4688", "powershell:4103", "powershell:4104", "powershell-classic:400");

    public static final MappingSet EMPTY = new MappingSet("(no mapping)", List.of(), Map.of(), Map.of(), List.of());

    public MappingSet {
        requireNonNull(sourceName, "sourceName is null");
        logsources = List.copyOf(requireNonNull(logsources, "logsources is null"));
        renames = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(renames, "renames is null")));
        eventTypes = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(eventTypes, "eventTypes is null")));
        commonFields = List.copyOf(requireNonNull(commonFields, "commonFields is null"));
    }

    /** The mapping whose product, category and service are exactly the rule's (ignoring case). */
    public Optional<LogSourceMapping> logsource(LogSource rule) {
        for (LogSourceMapping m : logsources) {
            if (same(m.product(), rule.product()) && same(m.category(), rule.category())
                    && same(m.service(), rule.service())) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The names (and value renames) a Sigma field is read under on the given event types, in order. */
    public List<FieldTarget> targets(String field, List<String> types) {
        Set<FieldTarget> out = new LinkedHashSet<>();
        for (String type : types) {
            out.add(target(field, type));
        }
        return List.copyOf(new ArrayList<>(out));
    }

    /** The name and value renames of a Sigma field on one event type. */
    public FieldTarget target(String field, String type) {
        EventTypeMapping m = eventTypes.get(type);
        String name = m != null && m.renames().containsKey(field) ? m.renames().get(field)
                : renames.getOrDefault(field, field);
        Map<String, String> values = m == null ? Map.of() : m.values().getOrDefault(field, Map.of());
        return new FieldTarget(name, values);
    }

    /**
     * True when some of the event types carries the field (under its mapped name), or when no
     * field list is known for them.
     */
    public boolean carried(String field, List<String> types) {
        for (String type : types) {
            EventTypeMapping m = eventTypes.get(type);
            if (m == null || m.fields().isEmpty()) {
                return true;
            }
            String name = target(field, type).name();
            if (commonFields.contains(name) || m.fields().contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** A carried field whose name is close to an uncarried one (case or a small typo). */
    public Optional<String> suggestField(String field, List<String> types) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String type : types) {
            EventTypeMapping m = eventTypes.get(type);
            List<String> names = new ArrayList<>(commonFields);
            if (m != null) {
                names.addAll(m.fields());
            }
            for (String name : names) {
                int d = name.equalsIgnoreCase(field) ? 0 : distance(name.toLowerCase(Locale.ROOT),
                        field.toLowerCase(Locale.ROOT));
                if (d < bestDistance) {
                    bestDistance = d;
                    best = name;
                }
            }
        }
        return best != null && bestDistance <= Math.max(1, field.length() / 4) ? Optional.of(best) : Optional.empty();
    }

    /** The logsources, for messages: {@code process_creation, ps_script, ...}. */
    public String describeLogsources() {
        if (logsources.isEmpty()) {
            return "none (no Sigma mapping is configured)";
        }
        List<String> all = new ArrayList<>();
        for (LogSourceMapping m : logsources) {
            all.add(m.describe());
        }
        return String.join(", ", all);
    }

    private static boolean same(Optional<String> a, Optional<String> b) {
        return a.isPresent() == b.isPresent() && (a.isEmpty() || a.get().equalsIgnoreCase(b.get()));
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
