package io.vigil.engine.cli;

import io.vigil.connectors.DecodeException;
import io.vigil.connectors.EventReaders;
import io.vigil.connectors.event.Event;
import io.vigil.connectors.evtx.EvtxEventReader;
import io.vigil.connectors.evtx.EvtxOptions;
import io.vigil.connectors.evtx.EvtxXmlReader;
import io.vigil.connectors.json.EventJsonWriter;
import io.vigil.connectors.spi.DecodeErrorListener;
import io.vigil.connectors.spi.EventSource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil dump [--format xml|jsonl] [--recover-slack] FILE...}. */
@Command(name = "dump", mixinStandardHelpOptions = true, description = "Print the records of event files: .evtx as"
        + " event XML, or any input as normalised JSON lines; errors and warnings go to stderr.")
public final class DumpCommand implements Callable<Integer> {
    /** How records are printed. */
    public enum Format {
        xml,
        jsonl
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = "jsonl", description = "xml (.evtx only, as Windows writes event XML)"
            + " or jsonl (one normalised JSON object per record) (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--recover-slack", description = "Also print the deleted records found in the slack space of"
            + " .evtx chunks (field VigilRecovered=true; in XML a comment before the record).")
    boolean recoverSlack;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Event files (.evtx, .xml, .json, ...) and folders.")
    List<Path> inputs;

    private int problems;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DecodeErrorListener errors = (source, position, message) -> {
            problems++;
            err.println(source + " " + position + ": " + message);
        };
        EvtxOptions options = EvtxOptions.defaults().recoverSlack(recoverSlack)
                .warnings((source, position, message) -> err.println("warning: " + source + " " + position + ": "
                        + message));
        for (Path file : EventReaders.listFiles(inputs.toArray(new Path[0]))) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
                boolean evtx = EventReaders.detect(in, file.toString()) == EventReaders.Format.EVTX;
                if (format == Format.xml) {
                    if (!evtx) {
                        throw new DecodeException(file.toString(), "", "--format xml renders .evtx input only");
                    }
                    dumpXml(new EvtxXmlReader(in, file.toString(), errors, options), out);
                } else {
                    dumpJson(evtx ? new EvtxEventReader(in, file.toString(), errors, options)
                            : EventReaders.open(in, file.toString(), errors), out);
                }
            } catch (DecodeException | IOException e) {
                problems++;
                err.println(e instanceof DecodeException ? e.getMessage() : file + ": " + e.getMessage());
            }
        }
        out.flush();
        err.flush();
        return problems == 0 ? ExitCodes.OK : ExitCodes.UNREADABLE_SOURCE;
    }

    private static void dumpXml(EvtxXmlReader reader, PrintWriter out) throws IOException {
        String xml;
        while ((xml = reader.next()) != null) {
            out.print(xml);
            out.print('\n');
        }
    }

    private static void dumpJson(EventSource source, PrintWriter out) throws IOException {
        try (source) {
            Event event;
            while ((event = source.next()) != null) {
                out.print(new String(EventJsonWriter.write(event), StandardCharsets.UTF_8));
                out.print('\n');
            }
        }
    }
}
