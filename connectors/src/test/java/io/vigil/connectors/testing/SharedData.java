package io.vigil.connectors.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.connectors.event.Event;
import io.vigil.connectors.spi.DecodeErrorListener;
import io.vigil.connectors.spi.EventSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared test material ({@code ../shared} beside the clone). Surefire passes its location as
 * {@code vigil.shared.dir}; without it the folder is looked up from the working directory. It is
 * always present, so a missing folder fails the test instead of skipping it.
 */
public final class SharedData {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SharedData() {
    }

    public static Path root() {
        String property = System.getProperty("vigil.shared.dir");
        List<Path> candidates = new ArrayList<>();
        if (property != null && !property.isBlank()) {
            candidates.add(Paths.get(property));
        }
        candidates.add(Paths.get("..", "shared"));
        candidates.add(Paths.get("..", "..", "shared"));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate.resolve("data").resolve("MANIFEST.md"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("shared folder not found (tried " + candidates + "); set -Dvigil.shared.dir");
    }

    public static Path data(String relative) {
        Path path = root().resolve("data").resolve(relative);
        if (!Files.exists(path)) {
            throw new IllegalStateException("missing shared data file " + path);
        }
        return path;
    }

    /** The events of a conformance case, {@code cases/BR-xx.json}: each has {@code format} and {@code data}. */
    public static List<JsonNode> caseEvents(String id) {
        try {
            JsonNode root = MAPPER.readTree(root().resolve("cases").resolve(id + ".json").toFile());
            List<JsonNode> events = new ArrayList<>();
            root.get("events").forEach(events::add);
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode caseFile(String id) {
        try {
            return MAPPER.readTree(root().resolve("cases").resolve(id + ".json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String json(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All events of a source. */
    public static List<Event> readAll(EventSource source) throws IOException {
        List<Event> events = new ArrayList<>();
        try (source) {
            Event event;
            while ((event = source.next()) != null) {
                events.add(event);
            }
        }
        return events;
    }

    /** A listener that keeps every error as {@code source|position|message}. */
    public static final class Errors implements DecodeErrorListener {
        private final List<String> errors = new ArrayList<>();

        @Override
        public void onError(String source, String position, String message) {
            errors.add(source + "|" + position + "|" + message);
        }

        public List<String> list() {
            return errors;
        }
    }
}
