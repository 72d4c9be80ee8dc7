package io.vigil.engine.cli;

import io.vigil.engine.kafka.BrokerRunner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil broker [--port N]}. */
@Command(name = "broker", mixinStandardHelpOptions = true, description = "Run a single-node KRaft Kafka broker on 127.0.0.1 until stopped (Ctrl-C).")
public final class BrokerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "9092", description = "Listener port, 0 for any (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() {
        new BrokerRunner().run(port, spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
