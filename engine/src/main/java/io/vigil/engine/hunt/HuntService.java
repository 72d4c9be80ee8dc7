package io.vigil.engine.hunt;

import static java.util.Objects.requireNonNull;

import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.connectors.DecodeException;
import io.vigil.connectors.EventReaders;
import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.EventType;
import io.vigil.engine.alert.AlertSink;
import io.vigil.engine.enrich.StateLimits;
import io.vigil.engine.eval.Evaluator;
import io.vigil.engine.metrics.EngineMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Hunts through files: reads every event of every file, evaluates the rules, and sends alerts to
 * a sink. Unreadable records and files are counted and reported, and the hunt goes on.
 */
public final class HuntService {
    private final List<CompiledRule> rules;
    private final EngineMetrics metrics;
    private final ProgressListener progress;
    private final StateLimits limits;
    private final int readerThreads;

    /** Told how far a hunt has got; called from the hunting thread. */
    public interface ProgressListener {
        ProgressListener NONE = (files, totalFiles, events, alerts) -> { };

        void progress(int filesDone, int totalFiles, long events, long alerts);
    }

    /** The outcome: how many files and records could not be read. */
    public record Result(int files, int unreadableFiles, long unreadableRecords, long events, long alerts) {
        public boolean complete() {
            return unreadableFiles == 0 && unreadableRecords == 0;
        }
    }

    private HuntService(Builder b) {
        this.rules = List.copyOf(b.rules);
        this.metrics = b.metrics;
        this.progress = b.progress;
        this.limits = b.limits;
        this.readerThreads = b.readerThreads;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Result hunt(List<Path> inputs, AlertSink sink) throws IOException {
        List<Path> files = EventReaders.listFiles(inputs.toArray(new Path[0]));
        Evaluator evaluator = new Evaluator(rules, true, java.time.InstantSource.system(), limits);
        metrics.stateGauges(evaluator);
        AlertSink counting = metrics.counting(sink);
        int unreadableFiles = 0;
        long before = metrics.unreadable();
        long lastReport = System.nanoTime();
        int threads = Math.max(1, Math.min(readerThreads, files.size()));
        // no rule reads events of type OTHER: readers that can tell them from the EventID alone skip them
        boolean skipOther = !evaluator.wants(EventType.OTHER);
        try (FileFeeds feeds = new FileFeeds(files, (src, pos, msg) -> metrics.unreadable(src + " " + pos + ": " + msg),
                threads, skipOther)) {
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                FileFeeds.Feed feed = feeds.feed(i);
                try {
                    Event event;
                    long n = 0;
                    while ((event = feed.next()) != null) {
                        metrics.eventRead(event.type());
                        evaluator.evaluate(event, counting);
                        if ((++n & 0xfff) == 0 && System.nanoTime() - lastReport > 500_000_000L) {
                            lastReport = System.nanoTime();
                            progress.progress(i, files.size(), metrics.eventsRead(), metrics.alerts());
                        }
                    }
                    metrics.eventsRead(EventType.OTHER, feed.skipped());
                } catch (DecodeException e) {
                    unreadableFiles++;
                    metrics.unreadable(e.getMessage());
                } catch (IOException e) {
                    unreadableFiles++;
                    metrics.unreadable(file + ": " + describe(e));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("hunt interrupted");
                }
                progress.progress(i + 1, files.size(), metrics.eventsRead(), metrics.alerts());
            }
        }
        evaluator.finish(counting);
        counting.flush();
        return new Result(files.size(), unreadableFiles, metrics.unreadable() - before - unreadableFiles,
                metrics.eventsRead(), metrics.alerts());
    }

    /** A reason for a file that could not be read, in words rather than an exception name. */
    static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Builds a {@link HuntService}. */
    public static final class Builder {
        private final List<CompiledRule> rules = new ArrayList<>();
        private EngineMetrics metrics = new EngineMetrics();
        private ProgressListener progress = ProgressListener.NONE;
        private StateLimits limits = StateLimits.DEFAULTS;
        private int readerThreads = Runtime.getRuntime().availableProcessors();

        /** Threads that decode files ahead of evaluation (default: one per core). */
        public Builder readerThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("readerThreads must be positive");
            }
            this.readerThreads = threads;
            return this;
        }

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

        public Builder progress(ProgressListener listener) {
            this.progress = requireNonNull(listener, "listener is null");
            return this;
        }

        public HuntService build() {
            return new HuntService(this);
        }
    }
}
