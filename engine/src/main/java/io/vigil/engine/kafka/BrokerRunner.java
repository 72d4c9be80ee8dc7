package io.vigil.engine.kafka;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an {@link EmbeddedKafkaBroker} in the foreground until the process is stopped (Ctrl-C,
 * SIGTERM) or the calling thread is interrupted: the service behind {@code vigil broker}.
 */
public final class BrokerRunner {
    private static final Logger log = LoggerFactory.getLogger(BrokerRunner.class);

    /**
     * Starts a broker on {@code port} (0 picks a free one), prints its bootstrap address to
     * {@code out}, and blocks. On Ctrl-C a shutdown hook stops the broker and deletes its data
     * before the JVM exits; if the thread is interrupted instead, the broker is stopped and this
     * method returns with the interrupt flag set.
     */
    public void run(int port, PrintWriter out) {
        requireNonNull(out, "out is null");
        run(new EmbeddedKafkaBroker(port), out, new CountDownLatch(1));
    }

    /** Runs {@code broker} until the JVM shuts down, the thread is interrupted, or {@code stop} opens. */
    void run(EmbeddedKafkaBroker broker, PrintWriter out, CountDownLatch stop) {
        AtomicBoolean running = new AtomicBoolean();
        Runnable stopBroker = () -> {
            broker.close();
            if (running.compareAndSet(true, false)) {
                out.println("Kafka broker stopped");
                out.flush();
            }
        };
        Thread hook = new Thread(() -> {
            stopBroker.run();
            stop.countDown();
        }, "vigil-broker-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            broker.start();
            running.set(true);
            out.println("Kafka broker listening on " + broker.bootstrapServers());
            out.println("Press Ctrl-C to stop");
            out.flush();
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.debug("Interrupted; stopping the broker");
        } finally {
            removeHook(hook);
            stopBroker.run();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down and the hook is running or has run
        }
    }
}
