package io.vigil.engine.runtime;

import static java.util.Objects.requireNonNull;

import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.connectors.DecodeException;
import io.vigil.connectors.event.Event;
import io.vigil.connectors.json.JsonEventDecoder;
import io.vigil.connectors.kafka.DecodeErrorPolicy;
import io.vigil.connectors.kafka.KafkaEventSource;
import io.vigil.engine.alert.AlertSink;
import io.vigil.engine.enrich.StateLimits;
import io.vigil.engine.eval.Evaluator;
import io.vigil.engine.kafka.DetectionLoop;
import io.vigil.engine.kafka.LoopSummary;
import io.vigil.engine.kafka.RecordHandler;
import io.vigil.engine.metrics.EngineMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes JSON events from Kafka, evaluates the rules and emits alerts. Offsets are committed
 * only after the alerts of a batch were written (at least once). Burst windows close as event
 * time passes their end plus the allowed lateness, and when the consumer stops.
 */
public final class ConsumeService {
    private static final Logger log = LoggerFactory.getLogger(ConsumeService.class);

    private final List<CompiledRule> rules;
    private final EngineMetrics metrics;
    private final DecodeErrorPolicy decodeErrorPolicy;
    private final Duration allowedLateness;
    private final Duration stopWhenIdle;
    private final StateLimits limits;
    private volatile DetectionLoop loop;

    private ConsumeService(Builder b) {
        this.rules = List.copyOf(b.rules);
        this.metrics = b.metrics;
        this.decodeErrorPolicy = b.decodeErrorPolicy;
        this.allowedLateness = b.allowedLateness;
        this.stopWhenIdle = b.stopWhenIdle;
        this.limits = b.limits;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs until {@link #shutdown()} or, when configured, until the topic has been idle. */
    public LoopSummary run(KafkaEventSource source, AlertSink sink) {
        Evaluator evaluator = new Evaluator(rules, false, java.time.InstantSource.system(), limits);
        metrics.stateGauges(evaluator);
        AlertSink counting = metrics.counting(sink);
        RecordHandler handler = new RecordHandler() {
            @Override
            public void handle(ConsumerRecord<byte[], byte[]> record) throws Exception {
                String where = record.topic() + "/" + record.partition() + "/" + record.offset();
                Event event;
                try {
                    if (record.value() == null) {
                        throw new DecodeException(where, "", "record has no value");
                    }
                    event = JsonEventDecoder.decode(record.value(), where, "offset " + record.offset());
                } catch (DecodeException e) {
                    metrics.unreadable(e.getMessage());
                    log.warn("undecodable record at {}: {}", where, e.reason());
                    if (decodeErrorPolicy == DecodeErrorPolicy.FAIL) {
                        throw e;
                    }
                    return;
                }
                metrics.eventRead(event.type());
                evaluator.evaluate(event, counting);
            }

            @Override
            public void flush() {
                evaluator.advance(allowedLateness, counting);
                counting.flush();
            }

            @Override
            public void idle() {
                flush();
            }
        };
        DetectionLoop.Builder builder = DetectionLoop.builder(source, handler);
        if (stopWhenIdle != null) {
            builder.stopWhenIdle(stopWhenIdle);
        }
        loop = builder.build();
        LoopSummary summary = loop.run();
        // the consumer stopped: close every window so that no burst is lost
        evaluator.finish(counting);
        counting.flush();
        return summary;
    }

    public void shutdown() {
        DetectionLoop l = loop;
        if (l != null) {
            l.shutdown();
        }
    }

    /** Builds a {@link ConsumeService}. */
    public static final class Builder {
        private final List<CompiledRule> rules = new ArrayList<>();
        private EngineMetrics metrics = new EngineMetrics();
        private DecodeErrorPolicy decodeErrorPolicy = DecodeErrorPolicy.LOG_AND_CONTINUE;
        private Duration allowedLateness = Duration.ofSeconds(30);
        private Duration stopWhenIdle;
        private StateLimits limits = StateLimits.DEFAULTS;

        public Builder limits(StateLimits stateLimits) {
            this.limits = requireNonNull(stateLimits, "stateLimits is null");
            return this;
        }

        public Builder rules(List<CompiledRule> compiled) {
            rules.addAll(requireNonNull(compiled, "compiled is null"));
            return this;
        }

        public Builder metrics(EngineMetrics engineMetrics) {
            this.metrics = requireNonNull(engineMetrics, "engineMetrics is null");
            return this;
        }

        public Builder decodeErrorPolicy(DecodeErrorPolicy policy) {
            this.decodeErrorPolicy = requireNonNull(policy, "policy is null");
            return this;
        }

        public Builder allowedLateness(Duration lateness) {
            this.allowedLateness = requireNonNull(lateness, "lateness is null");
            return this;
        }

        /** Stop after this long without records (null: run until shut down). */
        public Builder stopWhenIdle(Duration idle) {
            this.stopWhenIdle = idle;
            return this;
        }

        public ConsumeService build() {
            return new ConsumeService(this);
        }
    }
}
