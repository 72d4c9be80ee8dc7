package io.vigil.engine.runtime;

import io.vigil.connectors.DecodeException;
import io.vigil.connectors.EventReaders;
import io.vigil.connectors.event.Event;
import io.vigil.connectors.json.EventJsonWriter;
import io.vigil.connectors.spi.EventSource;
import io.vigil.engine.kafka.EventPublisher;
import io.vigil.engine.metrics.EngineMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Publishes the events of files to a Kafka topic as canonical JSON, keyed by host. */
public final class ReplayService {
    private ReplayService() {
    }

    /** The outcome of a replay. */
    public record Result(int files, int unreadableFiles, long published) {
    }

    public static Result replay(List<Path> inputs, EventPublisher publisher, String topic, EngineMetrics metrics)
            throws IOException {
        List<Path> files = EventReaders.listFiles(inputs.toArray(new Path[0]));
        int unreadableFiles = 0;
        long published = 0;
        for (Path file : files) {
            try (EventSource source = EventReaders.open(file, (src, pos, msg) -> metrics.unreadable(
                    src + " " + pos + ": " + msg))) {
                Event event;
                while ((event = source.next()) != null) {
                    metrics.eventRead(event.type());
                    publisher.publish(topic, event.computer(), EventJsonWriter.write(event));
                    published++;
                }
            } catch (DecodeException e) {
                unreadableFiles++;
                metrics.unreadable(e.getMessage());
            }
        }
        publisher.flush();
        return new Result(files.size(), unreadableFiles, published);
    }
}
