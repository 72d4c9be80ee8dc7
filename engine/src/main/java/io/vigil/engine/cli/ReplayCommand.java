package io.vigil.engine.cli;

import io.vigil.connectors.kafka.KafkaSourceConfig;
import io.vigil.engine.kafka.EventPublisher;
import io.vigil.engine.metrics.EngineMetrics;
import io.vigil.engine.runtime.ReplayService;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil replay --bootstrap-servers H:P --topic T PATH...}. */
@Command(name = "replay", mixinStandardHelpOptions = true, description = "Publish the events of files to Kafka as JSON, keyed by host.")
public final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT")
    String bootstrapServers;

    @Option(names = "--topic", required = true)
    String topic;

    @Option(names = "-X", paramLabel = "kafka.KEY=VALUE", description = "Kafka client property.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Event files and folders.")
    List<Path> inputs;

    @Override
    public Integer call() throws Exception {
        EngineMetrics metrics = new EngineMetrics();
        ReplayService.Result result;
        try (EventPublisher publisher = EventPublisher.create(bootstrapServers,
                KafkaSourceConfig.clientProperties(properties))) {
            result = ReplayService.replay(inputs, publisher, topic, metrics);
        }
        spec.commandLine().getErr().printf(java.util.Locale.ROOT, "published %d events from %d file(s) to %s%n", result.published(),
                result.files(), topic);
        spec.commandLine().getErr().print(metrics.summary());
        return metrics.unreadable() == 0 ? ExitCodes.OK : ExitCodes.UNREADABLE_SOURCE;
    }
}
