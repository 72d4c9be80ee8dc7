package io.vigil.engine.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class BrokerRunnerIT {
    static {
        EmbeddedKafkaBroker.quietLogging();
    }

    private static final Pattern ADDRESS = Pattern.compile("Kafka broker listening on (127\\.0\\.0\\.1:\\d+)");

    @Test
    void printsTheAddressAndStopsWhenInterrupted() throws Exception {
        StringWriter output = new StringWriter();
        PrintWriter out = new PrintWriter(output);
        Thread runner = new Thread(() -> new BrokerRunner().run(0, out), "broker-runner-it");
        runner.start();

        String address = awaitAddress(output);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
        }
        runner.interrupt();
        runner.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(runner.isAlive()).isFalse();
        assertThat(output.toString()).endsWith("Kafka broker stopped" + System.lineSeparator());
    }

    private static String awaitAddress(StringWriter output) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher matcher = ADDRESS.matcher(output.toString());
            if (matcher.find()) {
                return matcher.group(1);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("broker did not print its address: " + output);
    }
}
