package io.vigil.engine.hunt;

import static java.util.Objects.requireNonNull;

import io.vigil.connectors.DecodeException;
import io.vigil.connectors.EventReaders;
import io.vigil.connectors.event.Event;
import io.vigil.connectors.spi.DecodeErrorListener;
import io.vigil.connectors.spi.EventSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decodes files on reader threads, a few files ahead, while the caller takes their events in file
 * order on its own thread. Evaluation stays on one thread, so results do not depend on timing;
 * decoding, the expensive part, uses the other cores. Memory is bounded: each file in flight
 * holds at most {@value #QUEUE_BATCHES} batches of {@value #BATCH} events.
 */
final class FileFeeds implements AutoCloseable {
    static final int BATCH = 512;
    static final int QUEUE_BATCHES = 8;

    private final List<Path> files;
    private final DecodeErrorListener listener;
    private final ExecutorService pool;
    private final int ahead;
    private final List<Feed> feeds = new ArrayList<>();
    private final boolean skipOther;

    /** What one file produced: batches of events, then an end marker or a failure. */
    static final class Feed {
        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
        private List<Event> current = List.of();
        private int index;
        private boolean done;
        private long skipped;

        /** Records the reader skipped as events only of type OTHER; known once {@link #next} returned null. */
        long skipped() {
            return skipped;
        }

        /** The next event, null at the end of the file; rethrows the reader's failure. */
        Event next() throws IOException, DecodeException, InterruptedException {
            while (index >= current.size()) {
                if (done) {
                    return null;
                }
                Object item = queue.take();
                if (item instanceof Failure f) {
                    done = true;
                    if (f.error instanceof DecodeException d) {
                        throw d;
                    }
                    if (f.error instanceof IOException io) {
                        throw io;
                    }
                    throw new IllegalStateException("reader failed: " + f.error, f.error);
                }
                if (item instanceof End end) {
                    done = true;
                    skipped = end.skipped;
                    return null;
                }
                @SuppressWarnings("unchecked")
                List<Event> batch = (List<Event>) item;
                current = batch;
                index = 0;
            }
            return current.get(index++);
        }
    }

    private record Failure(Throwable error) {
    }

    /** The end of a file, with the records its reader skipped. */
    private record End(long skipped) {
    }

    FileFeeds(List<Path> files, DecodeErrorListener listener, int threads) {
        this(files, listener, threads, false);
    }

    /** With {@code skipOther}, readers skip the records whose events could only be of type OTHER. */
    FileFeeds(List<Path> files, DecodeErrorListener listener, int threads, boolean skipOther) {
        this.skipOther = skipOther;
        this.files = List.copyOf(requireNonNull(files, "files is null"));
        this.listener = requireNonNull(listener, "listener is null");
        this.ahead = Math.max(1, threads);
        this.pool = Executors.newFixedThreadPool(ahead, named("vigil-reader-"));
    }

    /** The feed of file {@code i}; starts readers up to {@code ahead} files beyond it. */
    Feed feed(int i) {
        while (feeds.size() < files.size() && feeds.size() <= i + ahead) {
            Feed feed = new Feed();
            Path file = files.get(feeds.size());
            feeds.add(feed);
            pool.execute(() -> read(file, feed));
        }
        Feed f = feeds.get(i);
        feeds.set(i, null); // the caller owns it now; drop the reference for the GC when it is done
        return f;
    }

    private void read(Path file, Feed feed) {
        try (EventSource source = EventReaders.open(file, listener, skipOther)) {
            List<Event> batch = new ArrayList<>(BATCH);
            Event e;
            while ((e = source.next()) != null) {
                batch.add(e);
                if (batch.size() == BATCH) {
                    feed.queue.put(batch);
                    batch = new ArrayList<>(BATCH);
                }
            }
            if (!batch.isEmpty()) {
                feed.queue.put(batch);
            }
            feed.queue.put(new End(source.recordsSkipped()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | StackOverflowError e) {
            try {
                feed.queue.put(new Failure(e));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
