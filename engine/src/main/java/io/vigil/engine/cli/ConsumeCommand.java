package io.vigil.engine.cli;

import io.vigil.compiler.RuleCompiler;
import io.vigil.connectors.kafka.DecodeErrorPolicy;
import io.vigil.connectors.kafka.KafkaEventSource;
import io.vigil.connectors.kafka.KafkaSourceConfig;
import io.vigil.engine.alert.Alert;
import io.vigil.engine.alert.AlertJson;
import io.vigil.engine.alert.AlertSink;
import io.vigil.engine.kafka.EventPublisher;
import io.vigil.engine.kafka.LoopSummary;
import io.vigil.engine.metrics.EngineMetrics;
import io.vigil.engine.runtime.ConsumeService;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil consume --bootstrap-servers H:P --topic T [--alerts-topic A]}. */
@Command(name = "consume", mixinStandardHelpOptions = true, description = "Consume JSON events from Kafka and raise alerts until stopped (Ctrl-C).")
public final class ConsumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RuleOptions ruleOptions;

    @Mixin
    StateOptions stateOptions;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT")
    String bootstrapServers;

    @Option(names = "--topic", required = true, description = "Topic of JSON events.")
    String topic;

    @Option(names = "--alerts-topic", description = "Also write alerts to this topic.")
    String alertsTopic;

    @Option(names = "--no-stdout", description = "Do not print alerts on stdout (needs --alerts-topic).")
    boolean noStdout;

    @Option(names = "--group", defaultValue = "vigil", description = "Consumer group id (default: ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--on-decode-error", defaultValue = "LOG_AND_CONTINUE",
            description = "LOG_AND_CONTINUE or FAIL (default: ${DEFAULT-VALUE}).")
    DecodeErrorPolicy decodeErrorPolicy;

    @Option(names = "--allowed-lateness", defaultValue = "PT30S",
            description = "How long burst windows wait for late events, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration allowedLateness;

    @Option(names = "--stop-when-idle", description = "Stop after this long without events, ISO-8601 (e.g. PT10S).")
    Duration stopWhenIdle;

    @Option(names = "-X", paramLabel = "kafka.KEY=VALUE", description = "Kafka client property, e.g."
            + " -X kafka.security.protocol=SSL")
    Map<String, String> properties = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (noStdout && alertsTopic == null) {
            err.println("vigil: --no-stdout needs --alerts-topic");
            return ExitCodes.INVALID_INPUT;
        }
        RuleCompiler.Result rules = ruleOptions.compileOrReport(err);
        if (rules == null) {
            return ExitCodes.INVALID_INPUT;
        }
        Map<String, String> client = KafkaSourceConfig.clientProperties(properties);
        EngineMetrics metrics = new EngineMetrics();
        ConsumeService service = ConsumeService.builder()
                .rules(rules.rules())
                .metrics(metrics)
                .limits(stateOptions.limits())
                .decodeErrorPolicy(decodeErrorPolicy)
                .allowedLateness(allowedLateness)
                .stopWhenIdle(stopWhenIdle)
                .build();
        EventPublisher publisher = alertsTopic == null ? null : EventPublisher.create(bootstrapServers, client);
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            // stop the loop, then let the main thread close the windows and print the counters
            service.shutdown();
            try {
                stopped.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vigil-consume-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (KafkaEventSource source = KafkaEventSource.create(
                new KafkaSourceConfig(bootstrapServers, topic, group, client))) {
            LoopSummary summary = service.run(source, sink(out, publisher));
            err.printf(java.util.Locale.ROOT, "stopped (%s) after %d records%n", summary.stopReason(), summary.records());
        } finally {
            if (publisher != null) {
                publisher.close();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
            err.print(metrics.summary());
            err.flush();
            out.flush();
            stopped.countDown();
        }
        return ExitCodes.OK;
    }

    private AlertSink sink(PrintWriter out, EventPublisher publisher) {
        boolean toStdout = !noStdout;
        return new AlertSink() {
            @Override
            public void accept(Alert alert) {
                String json = AlertJson.toJson(alert);
                if (toStdout) {
                    out.println(json);
                }
                if (publisher != null) {
                    publisher.publish(alertsTopic, alert.rule().id(), json.getBytes(StandardCharsets.UTF_8));
                }
            }

            @Override
            public void flush() {
                out.flush();
                if (publisher != null) {
                    publisher.flush();
                }
            }
        };
    }
}
