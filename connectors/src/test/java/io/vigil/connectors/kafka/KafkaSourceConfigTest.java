package io.vigil.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KafkaSourceConfigTest {
    @Test
    void appliesDefaultsPassThroughAndFixedProperties() {
        KafkaSourceConfig config = new KafkaSourceConfig("127.0.0.1:9092", "events", "vigil",
                Map.of("max.poll.records", "100", "auto.offset.reset", "latest"));

        assertThat(config.consumerProperties()).containsExactly(
                Map.entry("auto.offset.reset", "latest"),
                Map.entry("max.poll.records", "100"),
                Map.entry("bootstrap.servers", "127.0.0.1:9092"),
                Map.entry("group.id", "vigil"),
                Map.entry("enable.auto.commit", "false"));
    }

    @Test
    void readsEarliestByDefault() {
        assertThat(KafkaSourceConfig.of("b:9092", "events", "vigil").consumerProperties())
                .containsEntry("auto.offset.reset", "earliest")
                .containsEntry("enable.auto.commit", "false");
    }

    @Test
    void picksPrefixedClientProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.session.timeout.ms", "10000");
        properties.put("rules", "/etc/vigil/rules");
        properties.put("kafka.", "ignored");
        properties.put("kafka.client.id", "vigil-1");

        assertThat(KafkaSourceConfig.clientProperties(properties)).containsExactly(
                Map.entry("client.id", "vigil-1"),
                Map.entry("session.timeout.ms", "10000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"enable.auto.commit", "value.deserializer", "key.deserializer", "group.id", "bootstrap.servers"})
    void rejectsPropertiesVigilFixes(String name) {
        assertThatThrownBy(() -> new KafkaSourceConfig("b:9092", "events", "vigil", Map.of(name, "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kafka." + name + " cannot be set here: it is fixed by Vigil or has its own option");
    }

    @Test
    void rejectsBlankTopic() {
        assertThatThrownBy(() -> KafkaSourceConfig.of("b:9092", " ", "vigil"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topic is blank");
    }
}
