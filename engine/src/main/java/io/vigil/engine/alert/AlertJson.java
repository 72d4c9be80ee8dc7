package io.vigil.engine.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.Fields;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** Renders alerts as ECS-shaped JSON objects, one per line. */
public final class AlertJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertJson() {
    }

    public static String toJson(Alert alert) {
        return toNode(alert).toString();
    }

    public static ObjectNode toNode(Alert alert) {
        CompiledRule rule = alert.rule();
        Event event = alert.event();
        ObjectNode root = MAPPER.createObjectNode();
        Instant time = alert.burst().map(BurstWindow::end).orElse(event.timeCreated());
        if (alert.burst().isPresent()) {
            time = lastTime(alert.burst().get(), event);
        }
        root.put("@timestamp", time == null ? null : DateTimeFormatter.ISO_INSTANT.format(time));

        ObjectNode r = root.putObject("rule");
        r.put("id", rule.id());
        r.put("name", rule.title());
        r.put("uuid", rule.source().id().orElse(null));
        r.put("ruleset", rule.source().vendor());
        r.put("level", rule.level());
        ArrayNode attack = r.putArray("threat");
        rule.attack().forEach(attack::add);

        ObjectNode ev = root.putObject("event");
        ev.put("kind", "alert");
        ev.put("code", event.eventId() >= 0 ? String.valueOf(event.eventId()) : event.get(Fields.EVENT_ID));
        ev.put("provider", event.provider());

        ObjectNode winlog = root.putObject("winlog");
        winlog.put("channel", event.channel());
        if (event.recordId() >= 0) {
            winlog.put("record_id", event.recordId());
        } else {
            winlog.putNull("record_id");
        }
        winlog.put("event_type", event.type().id());

        root.putObject("host").put("name", event.computer());

        if (alert.burst().isEmpty()) {
            putProcess(root, event);
        }

        ObjectNode vigil = root.putObject("vigil");
        vigil.put("source", event.source());
        vigil.put("position", event.position());
        alert.burst().ifPresent(b -> putBurst(vigil, b));
        alert.scriptBlock().ifPresent(b -> {
            ObjectNode sb = vigil.putObject("script_block");
            sb.put("id", event.get(Fields.SCRIPT_BLOCK_ID));
            sb.put("message_total", b.total());
            ArrayNode numbers = sb.putArray("fragments_seen");
            b.numbers().forEach(numbers::add);
            sb.put("partial", b.partial());
            ArrayNode ids = sb.putArray("record_ids");
            for (EventRef f : b.fragments()) {
                ids.add(f.recordId());
            }
            ArrayNode records = sb.putArray("records");
            for (EventRef f : b.fragments()) {
                ObjectNode rec = records.addObject();
                rec.put("source", f.source());
                rec.put("position", f.position());
                rec.put("record_id", f.recordId());
            }
        });
        return root;
    }

    private static Instant lastTime(BurstWindow b, Event event) {
        Instant last = null;
        for (EventRef e : b.events()) {
            if (e.time() != null && (last == null || e.time().isAfter(last))) {
                last = e.time();
            }
        }
        return last != null ? last : event.timeCreated();
    }

    private static void putProcess(ObjectNode root, Event event) {
        String image = event.get(Fields.IMAGE);
        String commandLine = event.get(Fields.COMMAND_LINE);
        String parentImage = event.get(Fields.PARENT_IMAGE);
        String parentCommandLine = event.get(Fields.PARENT_COMMAND_LINE);
        if (image != null || commandLine != null || parentImage != null) {
            ObjectNode p = root.putObject("process");
            putIf(p, "executable", image);
            putIf(p, "command_line", commandLine);
            if (parentImage != null || parentCommandLine != null) {
                ObjectNode parent = p.putObject("parent");
                putIf(parent, "executable", parentImage);
                putIf(parent, "command_line", parentCommandLine);
            }
        }
        String user = event.get(Fields.USER);
        if (user != null) {
            root.putObject("user").put("name", user);
        }
        String script = event.get(Fields.SCRIPT_BLOCK_TEXT);
        if (script != null) {
            ObjectNode ps = root.putObject("powershell");
            ObjectNode file = ps.putObject("file");
            file.put("script_block_id", event.get(Fields.SCRIPT_BLOCK_ID));
            file.put("script_block_text", script);
        }
        String host = event.get(Fields.HOST_APPLICATION);
        if (host != null && !root.has("process")) {
            root.putObject("process").put("command_line", host);
        }
    }

    private static void putBurst(ObjectNode vigil, BurstWindow b) {
        ObjectNode w = vigil.putObject("window");
        w.put("start", DateTimeFormatter.ISO_INSTANT.format(b.start()));
        w.put("end", DateTimeFormatter.ISO_INSTANT.format(b.end()));
        ObjectNode group = vigil.putObject("group");
        for (Map.Entry<String, String> g : b.group().entrySet()) {
            group.put(g.getKey(), g.getValue());
        }
        ObjectNode measures = vigil.putObject("measures");
        for (Map.Entry<String, Long> m : b.measures().entrySet()) {
            measures.put(m.getKey(), m.getValue());
        }
        ObjectNode values = vigil.putObject("values");
        for (Map.Entry<String, List<String>> v : b.values().entrySet()) {
            ArrayNode arr = values.putArray(v.getKey());
            v.getValue().forEach(arr::add);
        }
        ArrayNode ids = vigil.putArray("record_ids");
        ArrayNode records = vigil.putArray("records");
        for (EventRef e : b.events()) {
            ids.add(e.recordId());
            ObjectNode rec = records.addObject();
            rec.put("source", e.source());
            rec.put("position", e.position());
            rec.put("record_id", e.recordId());
            rec.put("time", e.time() == null ? null : DateTimeFormatter.ISO_INSTANT.format(e.time()));
        }
    }

    private static void putIf(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }
}
