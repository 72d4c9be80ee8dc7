package io.vigil.engine.cli;

import io.vigil.connectors.event.Fields;
import io.vigil.engine.alert.Alert;
import io.vigil.engine.alert.AlertJson;
import io.vigil.engine.alert.AlertSink;
import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;

/** How alerts are printed. */
public enum AlertFormat {
    jsonl,
    table;

    static AlertSink sink(AlertFormat format, PrintWriter out) {
        if (format == jsonl) {
            return new AlertSink() {
                @Override
                public void accept(Alert alert) {
                    out.println(AlertJson.toJson(alert));
                }

                @Override
                public void flush() {
                    out.flush();
                }
            };
        }
        return new AlertSink() {
            private boolean header;

            @Override
            public void accept(Alert alert) {
                if (!header) {
                    out.printf(java.util.Locale.ROOT, "%-30s %-6s %-8s %-28s %-10s %s%n", "TIME", "RULE", "LEVEL", "HOST", "RECORD", "DETAIL");
                    header = true;
                }
                String time = alert.event().timeCreated() == null ? "-"
                        : DateTimeFormatter.ISO_INSTANT.format(alert.event().timeCreated());
                String detail = alert.burst().map(b -> "burst of " + b.events().size() + " events from "
                        + b.start() + " to " + b.end()).orElseGet(() -> detail(alert));
                out.printf(java.util.Locale.ROOT, "%-30s %-6s %-8s %-28s %-10s %s%n", time, alert.rule().id(), alert.rule().level(),
                        alert.event().computer(), alert.event().recordId() < 0 ? "-" : String.valueOf(alert.event().recordId()), detail);
            }

            @Override
            public void flush() {
                out.flush();
            }
        };
    }

    private static String detail(Alert alert) {
        String[] candidates = {Fields.COMMAND_LINE, Fields.HOST_APPLICATION, Fields.SCRIPT_BLOCK_TEXT, Fields.PAYLOAD};
        for (String name : candidates) {
            String v = alert.event().get(name);
            if (v != null && !v.isEmpty()) {
                // line ends become blanks; runs of blanks stay, as Windows logged them
                String one = v.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' ').strip();
                return one.length() > 120 ? one.substring(0, 117) + "..." : one;
            }
        }
        return alert.rule().title();
    }
}
