package io.vigil.engine;

import io.vigil.compiler.RuleCompiler;
import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.compiler.source.RuleCompileException;
import io.vigil.compiler.source.RuleText;
import io.vigil.connectors.event.Event;
import java.util.List;

/** Small builders of rules and events for engine tests. */
public final class TestEvents {
    private TestEvents() {
    }

    /** Compiles a one-off rule with the given event types and body (match and aggregate clauses). */
    public static CompiledRule rule(String events, String body) {
        String text = "rule 'r' {\n title 't'\n level high\n source vigil\n events " + events + "\n" + body + "\n}\n";
        try {
            return RuleCompiler.compile(List.of(new RuleText("r.rule", text))).get(0);
        } catch (RuleCompileException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** A Sysmon 1 event on HOST1. */
    public static Event sysmon1(long record, String time, String image, String commandLine) {
        return Event.builder("test", "record " + record)
                .put("EventID", "1")
                .put("Channel", "Microsoft-Windows-Sysmon/Operational")
                .put("Provider", "Microsoft-Windows-Sysmon")
                .put("Computer", "HOST1")
                .put("TimeCreated", time)
                .put("EventRecordID", String.valueOf(record))
                .put("Image", image)
                .put("CommandLine", commandLine)
                .put("User", "CORP\\alice")
                .build();
    }
}
