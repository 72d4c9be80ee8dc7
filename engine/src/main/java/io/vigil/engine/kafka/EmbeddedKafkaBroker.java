package io.vigil.engine.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker running in this JVM: one KRaft node in the combined
 * {@code broker,controller} roles, listening on 127.0.0.1 with PLAINTEXT, its data in a temporary
 * directory that is deleted on {@link #close()}.
 *
 * <p>Used by {@code vigil broker}, {@code vigil demo} and the integration tests. It is tuned for
 * a small machine (one partition for internal topics, few threads, no initial rebalance delay),
 * not for durability.
 *
 * <p>The storage directory is formatted in code through Kafka's own {@link StorageTool} (which
 * drives {@code org.apache.kafka.metadata.storage.Formatter}) with a static single-voter quorum,
 * the same as {@code kafka-storage.sh format -t <id> -c server.properties}.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    /** Loggers that Kafka's broker and clients write to, and the level {@link #quietLogging()} gives them. */
    private static final Map<String, String> QUIET_LEVELS = quietLevels();

    private final int requestedPort;
    private Path directory;
    private KafkaRaftServer server;
    private String bootstrapServers;

    /**
     * @param port the PLAINTEXT port to listen on, or 0 to pick a free one
     */
    public EmbeddedKafkaBroker(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        this.requestedPort = port;
    }

    /**
     * Sets Kafka's loggers to {@code warn} in slf4j-simple, unless the user chose a level. Must be
     * called before the first SLF4J logger is created, that is first thing in {@code main}.
     */
    public static void quietLogging() {
        for (Map.Entry<String, String> entry : QUIET_LEVELS.entrySet()) {
            String key = "org.slf4j.simpleLogger.log." + entry.getKey();
            if (System.getProperty(key) == null) {
                System.setProperty(key, entry.getValue());
            }
        }
    }

    private static Map<String, String> quietLevels() {
        Map<String, String> levels = new LinkedHashMap<>();
        levels.put("kafka", "warn");
        levels.put("org.apache.kafka", "warn");
        levels.put("state.change.logger", "warn");
        // warns "Performing controller activation. The metadata log appears to be empty" on every
        // start, which is expected for a broker formatted a moment ago
        levels.put("org.apache.kafka.controller.QuorumController", "error");
        return Collections.unmodifiableMap(levels);
    }

    /**
     * Formats a fresh storage directory and starts the broker. Returns once the broker has caught up
     * with the metadata log and accepts client connections.
     *
     * @throws IllegalStateException if the broker was already started or storage cannot be formatted
     * @throws UncheckedIOException if the port is in use or the temporary directory cannot be created
     */
    public synchronized void start() {
        if (server != null || directory != null) {
            throw new IllegalStateException("broker already started");
        }
        long startNanos = System.nanoTime();
        try {
            directory = Files.createTempDirectory("vigil-kafka-");
            int brokerPort = requestedPort == 0 ? freePort() : checkFree(requestedPort);
            int controllerPort = freePort();
            while (controllerPort == brokerPort) {
                controllerPort = freePort();
            }
            Properties properties = serverProperties(directory, brokerPort, controllerPort);
            format(directory, properties);
            KafkaRaftServer raftServer = new KafkaRaftServer(new KafkaConfig(properties, false), Time.SYSTEM);
            server = raftServer;
            raftServer.startup();
            bootstrapServers = HOST + ":" + brokerPort;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot start embedded Kafka broker: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        log.info("Embedded Kafka broker started on {} in {} ms (data in {})",
                bootstrapServers, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), directory);
    }

    /**
     * @return {@code 127.0.0.1:port} of the PLAINTEXT listener
     * @throws IllegalStateException if the broker is not running
     */
    public synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            throw new IllegalStateException("broker is not running");
        }
        return bootstrapServers;
    }

    /**
     * Creates a topic with replication factor 1 and waits until the controller accepted it.
     *
     * @return true if the topic was created, false if it already existed
     */
    public boolean createTopic(String name, int partitions) {
        requireNonNull(name, "name is null");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
        }
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "vigil-embedded-admin");
        try (Admin admin = Admin.create(adminConfig)) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            log.debug("Created topic {} with {} partitions", name, partitions);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                log.debug("Topic {} already exists", name);
                return false;
            }
            throw new KafkaException("cannot create topic " + name, e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("timed out creating topic " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while creating topic " + name, e);
        }
    }

    /** Stops the broker and deletes its data. Does nothing if it is not running. */
    @Override
    public synchronized void close() {
        KafkaRaftServer raftServer = server;
        server = null;
        bootstrapServers = null;
        if (raftServer != null) {
            long startNanos = System.nanoTime();
            // an interrupted caller (Ctrl-C handling, a cancelled test) would abort the controlled
            // shutdown half way; shut down first, then restore the flag
            boolean interrupted = Thread.interrupted();
            try {
                raftServer.shutdown();
                raftServer.awaitShutdown();
            } catch (RuntimeException e) {
                log.warn("Embedded Kafka broker did not shut down cleanly", e);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            log.info("Embedded Kafka broker stopped in {} ms",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        }
        Path dir = directory;
        directory = null;
        if (dir != null) {
            try {
                Utils.delete(dir.toFile());
            } catch (IOException e) {
                log.warn("Cannot delete embedded Kafka data directory {}", dir, e);
            }
        }
    }

    private static Properties serverProperties(Path directory, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(NODE_ID));
        p.setProperty("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", directory.resolve("data").toString());
        // a single node: every internal topic has one replica and, to start fast, one partition
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.num.partitions", "1");
        p.setProperty("num.partitions", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        // consumers join at once instead of waiting 3 s for more members
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // sized for a laptop or a 2-core CI machine, not for throughput
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "2");
        p.setProperty("background.threads", "2");
        p.setProperty("num.recovery.threads.per.data.dir", "1");
        p.setProperty("log.cleaner.threads", "1");
        p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        return p;
    }

    private static void format(Path directory, Properties properties) throws IOException {
        Path configFile = directory.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(configFile)) {
            properties.store(out, "vigil embedded broker");
        }
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream printStream = new PrintStream(output, true, UTF_8)) {
            exitCode = StorageTool.execute(
                    new String[] {"format", "--config", configFile.toString(), "--cluster-id", clusterId},
                    printStream);
        }
        String text = output.toString(UTF_8).strip();
        if (exitCode != 0) {
            throw new IllegalStateException("cannot format Kafka storage in " + directory + ": " + text);
        }
        log.debug("Formatted Kafka storage for cluster {}: {}", clusterId, text);
    }

    /** Fails fast with a clear message instead of Kafka's fatal startup error and stack traces. */
    private static int checkFree(int port) throws IOException {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (BindException e) {
            BindException inUse = new BindException(HOST + ":" + port + " is already in use");
            inUse.initCause(e);
            throw inUse;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }
}
