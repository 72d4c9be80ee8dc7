package io.vigil.engine.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top command; its subcommands are the user's verbs. */
@Command(name = "vigil",
        mixinStandardHelpOptions = true,
        version = "vigil 0.1.0",
        description = "Streaming detection engine for Windows event logs.",
        subcommands = {
            HuntCommand.class,
            DumpCommand.class,
            RulesCommand.class,
            ConsumeCommand.class,
            ReplayCommand.class,
            BrokerCommand.class,
            DemoCommand.class,
        })
public final class VigilCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Without a subcommand: usage on stderr, and exit 2 (a usage error). */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.INVALID_INPUT;
    }
}
