package io.vigil.engine.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** The {@code vigil} command-line entry point. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        quietLogging();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = createCommandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Builds the command line with its output streams; tests call this directly. */
    public static CommandLine createCommandLine(PrintWriter out, PrintWriter err) {
        quietLogging();
        CommandLine cmd = new CommandLine(new VigilCommand());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            String message = ex.getMessage() == null ? ex.toString() : ex.getMessage();
            if (ex instanceof java.nio.file.NoSuchFileException nsf) {
                message = nsf.getFile() + ": no such file or folder";
            }
            commandLine.getErr().println("vigil: " + message);
            if (Boolean.getBoolean("vigil.debug")) {
                ex.printStackTrace(commandLine.getErr());
            }
            if (ex instanceof RuleOptions.RulePathException) {
                return ExitCodes.INVALID_INPUT;
            }
            return ex instanceof java.io.IOException ? ExitCodes.UNREADABLE_SOURCE : ExitCodes.INTERNAL;
        });
        cmd.setExitCodeExceptionMapper(ex -> ex instanceof CommandLine.ParameterException
                ? ExitCodes.INVALID_INPUT : ExitCodes.INTERNAL);
        return cmd;
    }

    /** Keeps the Kafka libraries' logging at WARN unless the user asked otherwise. */
    static void quietLogging() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        setIfAbsent("org.slf4j.simpleLogger.log.kafka", "error");
        setIfAbsent("org.slf4j.simpleLogger.log.org.apache.zookeeper", "error");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
