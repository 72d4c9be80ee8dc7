package io.vigil.connectors.evtx;

import static java.util.Objects.requireNonNull;

import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.EventType;
import io.vigil.connectors.normalize.EventNormalizer;
import io.vigil.connectors.spi.DecodeErrorListener;
import io.vigil.connectors.spi.EventSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the binary Windows event log format (.evtx, versions 3.1 and 3.2) into normalised
 * events, built directly from the records' binary XML without XML text in between. The events are
 * the ones the XML reader makes from the same records' event XML.
 *
 * <p>The file is read as a stream, one 64 KiB chunk at a time, so memory does not grow with the
 * file. Damaged files are read as far as they can be: a record or chunk that cannot be decoded is
 * reported to the {@link DecodeErrorListener} with the position {@code chunk C offset 0x...} (file
 * offset) and reading goes on; oddities that lose nothing go to {@link EvtxOptions#warnings()}.
 * Events carry the position {@code record N} (the record identifier), or
 * {@code record N recovered} for records recovered from slack space.
 *
 * <p>Not thread-safe: one thread pulls from a reader.
 */
public final class EvtxEventReader implements EventSource {
    private final InputStream in;
    private final String source;
    private final RecordCursor cursor;
    private final BinXmlInterpreter interpreter;
    private final EventHandler handler = new EventHandler();
    private final ValueFormatter formatter;
    private final boolean plans;
    private String[] valueText = new String[64];
    private long recordsRead;
    private long recordsSkipped;
    private final boolean skipOther;
    /** What {@link #planned} returns for a record it skipped. */
    private static final Event SKIPPED = Event.builder("", "").build();
    private long recordsPlanned;
    /** Fields held by the plans this reader made; past {@link #MAX_PLAN_FIELDS} it makes no more. */
    private long planFields;
    private static final long MAX_PLAN_FIELDS = 1 << 20;

    public EvtxEventReader(InputStream in, String source, DecodeErrorListener listener, EvtxOptions options) {
        this(in, source, listener, options, true);
    }

    /** With {@code plans} false, every record takes the general way (for tests that compare the two). */
    EvtxEventReader(InputStream in, String source, DecodeErrorListener listener, EvtxOptions options, boolean plans) {
        this.plans = plans;
        this.skipOther = options.skipOther();
        this.in = requireNonNull(in, "in is null");
        this.source = requireNonNull(source, "source is null");
        requireNonNull(listener, "listener is null");
        requireNonNull(options, "options is null");
        this.formatter = new ValueFormatter();
        this.interpreter = new BinXmlInterpreter(formatter);
        this.cursor = new RecordCursor(in, source, listener, options, new Chunk(formatter));
    }

    /** Opens a file; the source name of its events is the path as given. */
    public static EvtxEventReader open(Path file, DecodeErrorListener listener, EvtxOptions options)
            throws IOException {
        return new EvtxEventReader(Files.newInputStream(file), file.toString(), listener, options);
    }

    @Override
    public Event next() throws IOException {
        while (cursor.next()) {
            try {
                Event event = plans ? planned() : null;
                if (event == null) {
                    handler.begin(source, cursor.position());
                    interpreter.record(cursor.chunk(), cursor.dataStart(), cursor.dataEnd(), handler, cursor.recovered());
                    event = handler.finish(cursor.recovered());
                }
                if (event == SKIPPED || (skipOther && !EventType.ruleEventId(event.eventId()))) {
                    recordsSkipped++;
                    continue;
                }
                recordsRead++;
                return event;
            } catch (RuntimeException e) {
                // one bad record never loses the file: report it and go on with the next one
                cursor.failed(Failures.describe(e));
            }
        }
        return null;
    }

    /**
     * The event of the current record built from a {@link RecordPlan}, or null when the record
     * goes the general way (not a lone template instance, or value types no plan covers).
     */
    private Event planned() {
        boolean recovered = cursor.recovered();
        Template template = interpreter.singleInstance(cursor.chunk(), cursor.dataStart(), cursor.dataEnd(), recovered);
        if (template == null) {
            return null;
        }
        Instances record = interpreter.instances();
        RecordPlan plan = template.plan(record);
        if (plan == null) {
            if (template.plans.length >= RecordPlan.MAX_PLANS_PER_TEMPLATE || planFields > MAX_PLAN_FIELDS) {
                return null;
            }
            plan = makePlan(template, record);
            planFields += plan.size();
            RecordPlan[] more = Arrays.copyOf(template.plans, template.plans.length + 1);
            more[more.length - 1] = plan;
            template.plans = more;
        }
        if (plan == RecordPlan.UNSUPPORTED) {
            return null;
        }
        if (skipOther) {
            long id = plan.eventId(cursor.chunk().data, record);
            if (id != RecordPlan.NOT_A_NUMBER && !EventType.ruleEventId(id)) {
                // the structure is read and checked; the values of an event no rule reads are not rendered
                return SKIPPED;
            }
        }
        if (valueText.length < record.values) {
            valueText = new String[Math.max(record.values, valueText.length * 2)];
        }
        Event.Builder b = plan.build(source, cursor.recordId(), recovered, formatter, cursor.chunk().data, record,
                cursor.dataEnd() - cursor.dataStart(), valueText, interpreter.maxChars());
        if (recovered) {
            b.derive(EvtxOptions.RECOVERED_FIELD, "true");
        }
        Event event = EventNormalizer.normalize(b);
        recordsPlanned++;
        return event;
    }

    private RecordPlan makePlan(Template template, Instances record) {
        for (int i = 0; i < record.count; i++) {
            if (RecordPlan.confusable(record.templates[i])) {
                return RecordPlan.UNSUPPORTED;
            }
        }
        int[] uses = new int[record.values];
        handler.begin(source, cursor.position(), true);
        try {
            long chars = interpreter.runMarked(template, handler, uses);
            return RecordPlan.of(record, handler.finishRaw(false), uses, chars);
        } catch (RuntimeException e) {
            // not plannable, or a failure the general way reports for this record
            return RecordPlan.UNSUPPORTED;
        } finally {
            handler.begin(source, cursor.position(), false);
        }
    }

    /** Template definitions compiled so far; see {@link BinXmlInterpreter#templatesCompiled}. */
    long templatesCompiled() {
        return interpreter.templatesCompiled();
    }

    /** With false, every template definition is compiled in every chunk (for tests). */
    EvtxEventReader recogniseTemplates(boolean on) {
        interpreter.recogniseTemplates(on);
        return this;
    }

    /** Lowers the limits per record; see {@link BinXmlInterpreter#limits}. */
    EvtxEventReader limits(int ops, int chars) {
        interpreter.limits(ops, chars);
        return this;
    }

    /** Records built from a {@link RecordPlan} so far (the rest took the general way). */
    long recordsPlanned() {
        return recordsPlanned;
    }

    @Override
    public long recordsRead() {
        return recordsRead;
    }

    @Override
    public long recordsSkipped() {
        return recordsSkipped;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
