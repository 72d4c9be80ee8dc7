package io.vigil.engine.cli;

import io.vigil.compiler.RuleCompiler;
import io.vigil.connectors.kafka.KafkaEventSource;
import io.vigil.connectors.kafka.KafkaSourceConfig;
import io.vigil.engine.alert.AlertSink;
import io.vigil.engine.kafka.EmbeddedKafkaBroker;
import io.vigil.engine.kafka.EventPublisher;
import io.vigil.engine.kafka.LoopSummary;
import io.vigil.engine.metrics.EngineMetrics;
import io.vigil.engine.pack.BundledSamples;
import io.vigil.engine.runtime.ConsumeService;
import io.vigil.engine.runtime.ReplayService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil demo}: starts a real Kafka broker in this JVM, replays the bundled real samples
 * into it, consumes them with the rules, prints the alerts and a summary, and exits.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run the whole path on the bundled real samples through an in-process Kafka broker.")
public final class DemoCommand implements Callable<Integer> {
    static final String TOPIC = "windows-events";

    @Spec
    CommandSpec spec;

    @Mixin
    RuleOptions ruleOptions;

    @Mixin
    StateOptions stateOptions;

    @Option(names = "--format", defaultValue = "table", description = "jsonl or table (default: ${DEFAULT-VALUE}).")
    AlertFormat format;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RuleCompiler.Result rules = ruleOptions.compileOrReport(err);
        if (rules == null) {
            return ExitCodes.INVALID_INPUT;
        }
        List<Path> samples = BundledSamples.paths();
        EngineMetrics replayMetrics = new EngineMetrics();
        EngineMetrics metrics = new EngineMetrics();
        long started = System.nanoTime();
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(0)) {
            broker.start();
            broker.createTopic(TOPIC, 2);
            err.printf(java.util.Locale.ROOT, "demo: Kafka broker up at %s (%d ms)%n", broker.bootstrapServers(),
                    (System.nanoTime() - started) / 1_000_000);
            ReplayService.Result replayed;
            try (EventPublisher publisher = EventPublisher.create(broker.bootstrapServers(), Map.of())) {
                replayed = ReplayService.replay(samples, publisher, TOPIC, replayMetrics);
            }
            err.printf(java.util.Locale.ROOT, "demo: replayed %d events from %d bundled sample file(s) into topic %s%n", replayed.published(),
                    replayed.files(), TOPIC);
            err.printf(java.util.Locale.ROOT, "demo: consuming with %d rules ...%n", rules.rules().size());
            AlertSink sink = AlertFormat.sink(format, out);
            ConsumeService service = ConsumeService.builder()
                    .rules(rules.rules())
                    .metrics(metrics)
                    .limits(stateOptions.limits())
                    .stopWhenIdle(Duration.ofSeconds(3))
                    .build();
            LoopSummary summary;
            try (KafkaEventSource source = KafkaEventSource.create(
                    KafkaSourceConfig.of(broker.bootstrapServers(), TOPIC, "vigil-demo"))) {
                summary = service.run(source, sink);
            }
            out.flush();
            err.printf(java.util.Locale.ROOT, "demo: consumed %d records in %d batches; done in %.1f s%n", summary.records(), summary.batches(),
                    (System.nanoTime() - started) / 1e9);
        }
        err.println("--- summary ---");
        err.print(metrics.summary());
        err.flush();
        return metrics.unreadable() == 0 && replayMetrics.unreadable() == 0 ? ExitCodes.OK : ExitCodes.UNREADABLE_SOURCE;
    }
}
