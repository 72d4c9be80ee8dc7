package io.vigil.connectors.kafka;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Where a {@link KafkaEventSource} reads from: bootstrap servers, one topic, a consumer group,
 * and Kafka consumer properties passed through unchanged (their names without the {@code kafka.}
 * prefix they carry in Vigil's own configuration).
 *
 * <p>Offsets are committed by the detection loop, so {@code enable.auto.commit} is always false
 * and cannot be overridden; records are read as bytes, so neither can the deserializers; and
 * {@code bootstrap.servers} and {@code group.id} have their own fields. {@code auto.offset.reset}
 * defaults to {@code earliest}.
 */
public record KafkaSourceConfig(
        String bootstrapServers,
        String topic,
        String groupId,
        Map<String, String> clientProperties) {
    /** The prefix that marks a Kafka client property in Vigil's configuration. */
    public static final String CLIENT_PREFIX = "kafka.";

    private static final List<String> FIXED = List.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            ConsumerConfig.GROUP_ID_CONFIG,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);

    public KafkaSourceConfig {
        requireNonNull(bootstrapServers, "bootstrapServers is null");
        requireNonNull(topic, "topic is null");
        requireNonNull(groupId, "groupId is null");
        requireNonNull(clientProperties, "clientProperties is null");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers is blank");
        }
        if (topic.isBlank()) {
            throw new IllegalArgumentException("topic is blank");
        }
        if (groupId.isBlank()) {
            throw new IllegalArgumentException("groupId is blank");
        }
        for (String name : FIXED) {
            if (clientProperties.containsKey(name)) {
                throw new IllegalArgumentException(CLIENT_PREFIX + name + " cannot be set here: it is fixed by Vigil or has its own option");
            }
        }
        clientProperties = Collections.unmodifiableMap(new TreeMap<>(clientProperties));
    }

    /** A configuration without extra client properties. */
    public static KafkaSourceConfig of(String bootstrapServers, String topic, String groupId) {
        return new KafkaSourceConfig(bootstrapServers, topic, groupId, Map.of());
    }

    /**
     * Picks the {@code kafka.}-prefixed entries out of {@code properties} and strips the prefix,
     * for example {@code kafka.max.poll.records=500} becomes {@code max.poll.records=500}.
     */
    public static Map<String, String> clientProperties(Map<String, String> properties) {
        requireNonNull(properties, "properties is null");
        Map<String, String> client = new TreeMap<>();
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith(CLIENT_PREFIX) && key.length() > CLIENT_PREFIX.length()) {
                client.put(key.substring(CLIENT_PREFIX.length()), requireNonNull(entry.getValue(), key + " is null"));
            }
        }
        return Collections.unmodifiableMap(client);
    }

    /** The properties a {@code KafkaConsumer} is created with: defaults, then pass-through, then fixed ones. */
    public Map<String, Object> consumerProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.putAll(clientProperties);
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return Collections.unmodifiableMap(properties);
    }
}
