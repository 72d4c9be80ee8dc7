package io.vigil.connectors.evtx;

import static io.vigil.connectors.evtx.EvtxEventReaderTest.FIRST_DEFINITION;
import static io.vigil.connectors.evtx.EvtxEventReaderTest.SYSTEM_TEMPLATE;
import static io.vigil.connectors.evtx.EvtxEventReaderTest.data;
import static io.vigil.connectors.evtx.EvtxEventReaderTest.event;
import static io.vigil.connectors.evtx.EvtxEventReaderTest.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.EventType;
import io.vigil.connectors.evtx.EvtxBuilder.Tokens;
import io.vigil.connectors.evtx.EvtxBuilder.Value;
import io.vigil.connectors.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Events built from {@link RecordPlan}s must be the events the general way builds, field for
 * field, with the same errors and warnings: on every shared .evtx (with and without slack
 * recovery) and on records made to hit each case a plan cannot cover.
 */
class RecordPlanTest {

    /** Everything a reader reports for a file, in order, as text. */
    private record Reading(List<String> events, List<String> errors, List<String> warnings, long planned,
            long skipped) {
    }

    private static Reading read(byte[] file, EvtxOptions options, boolean plans) throws IOException {
        return read(file, options, plans, true);
    }

    private static Reading read(byte[] file, EvtxOptions options, boolean plans, boolean recognise) throws IOException {
        SharedData.Errors errors = new SharedData.Errors();
        List<String> warnings = new ArrayList<>();
        List<String> events = new ArrayList<>();
        EvtxEventReader reader = new EvtxEventReader(new ByteArrayInputStream(file), "t.evtx", errors,
                options.warnings((s, p, m) -> warnings.add(p + ": " + m)), plans).recogniseTemplates(recognise);
        try (reader) {
            Event e;
            while ((e = reader.next()) != null) {
                events.add(describe(e));
            }
        }
        return new Reading(events, errors.list(), warnings, reader.recordsPlanned(), reader.recordsSkipped());
    }

    /** Every field with its value and whether it is derived, and the parsed System values. */
    private static String describe(Event e) {
        StringBuilder sb = new StringBuilder().append(e.type()).append('|').append(e.source()).append('|')
                .append(e.position()).append('|').append(e.eventId()).append('|').append(e.recordId()).append('|')
                .append(e.timeCreated()).append('|').append(e.channel()).append('|').append(e.computer());
        for (int i = 0; i < e.fieldCount(); i++) {
            Object v = e.fieldValue(i);
            sb.append("\n  ").append(e.fieldName(i)).append(e.isDerived(i) ? " (derived)" : "").append(" = ")
                    .append(v instanceof String[] ? Arrays.toString((String[]) v) : v == null ? "<null>" : "'" + v + "'");
        }
        return sb.toString();
    }

    /**
     * Reads both ways, and with every template compiled in every chunk, and checks they agree;
     * returns the planned reading.
     */
    private static Reading same(byte[] file, EvtxOptions options) throws IOException {
        Reading general = read(file, options, false, false);
        Reading planned = read(file, options, true);
        assertThat(general.planned()).isZero();
        assertThat(planned.events()).containsExactlyElementsOf(general.events());
        assertThat(planned.errors()).containsExactlyElementsOf(general.errors());
        assertThat(planned.warnings()).containsExactlyElementsOf(general.warnings());
        return planned;
    }

    @TestFactory
    Stream<DynamicTest> everySharedFileReadsTheSameWithPlans() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path evtx : EvtxExport.sharedFiles()) {
            String name = EvtxExport.relative(evtx);
            tests.add(DynamicTest.dynamicTest(name, () -> {
                byte[] file = Files.readAllBytes(evtx);
                Reading all = same(file, EvtxOptions.defaults());
                same(file, EvtxOptions.defaults().recoverSlack(true));
                skipsExactlyTheOtherOnlyEvents(file, all);
            }));
        }
        assertThat(tests).as("shared .evtx files").hasSizeGreaterThanOrEqualTo(48);
        return tests.stream();
    }

    /**
     * With {@link EvtxOptions#skipOther}, both ways return exactly the events whose EventID is a
     * rule event type's, and count the rest as skipped.
     */
    private static void skipsExactlyTheOtherOnlyEvents(byte[] file, Reading all) throws IOException {
        List<String> kept = all.events().stream()
                .filter(e -> EventType.ruleEventId(Long.parseLong(e.split("\\|", -1)[3]))).toList();
        for (boolean plans : new boolean[] {true, false}) {
            Reading skipping = read(file, EvtxOptions.defaults().skipOther(true), plans);
            assertThat(skipping.events()).as("plans %s", plans).containsExactlyElementsOf(kept);
            assertThat(skipping.skipped()).as("plans %s", plans).isEqualTo(all.events().size() - kept.size());
        }
    }

    @Test
    void aSecurityLogWithoutProcessCreationsIsCountedAndSkippedWhole() throws IOException {
        Path security = EvtxExport.sharedFiles().stream()
                .filter(p -> EvtxExport.relative(p).equals("python-evtx/tests/data/security.evtx")).findFirst()
                .orElseThrow();
        byte[] file = Files.readAllBytes(security);
        Reading reading = read(file, EvtxOptions.defaults().skipOther(true), true);

        assertThat(read(file, EvtxOptions.defaults(), true).events()).hasSize(2261)
                .noneMatch(e -> EventType.ruleEventId(Long.parseLong(e.split("\\|", -1)[3])));
        assertThat(reading.events()).isEmpty();
        assertThat(reading.skipped()).isEqualTo(2261);
        assertThat(reading.errors()).isEmpty();
    }

    @Test
    void plansCoverNearlyAllOfARealSecurityLog() throws IOException {
        Path security = EvtxExport.sharedFiles().stream()
                .filter(p -> EvtxExport.relative(p).equals("python-evtx/tests/data/security.evtx")).findFirst()
                .orElseThrow();
        Reading reading = same(Files.readAllBytes(security), EvtxOptions.defaults());

        assertThat(reading.events()).hasSize(2261);
        assertThat(reading.planned()).as("records built from plans").isGreaterThan(2200);
    }

    @Test
    void eachRecordGetsItsOwnValuesAndEachSetOfValueTypesItsOwnPlan() throws IOException {
        Consumer<Tokens> body = b -> event(b, d -> {
            data("Image", 8, BinXml.TYPE_STRING).accept(d);
            d.start("Data", true).attribute("Name", false).text("Opt").closeStart()
                    .substitution(9, BinXml.TYPE_STRING, true).end();
            d.start("Data", false).closeStart().substitution(10, BinXml.TYPE_STRING, false).end();
            d.start("Data", false).closeStart().text("fixed").end();
        });
        EvtxBuilder builder = new EvtxBuilder();
        builder.record(1, t -> {
            t.fragment();
            t.template(SYSTEM_TEMPLATE, -1, body, values(1, 1, Value.string("a.exe"), Value.string("x"),
                    Value.string("one")));
            t.eof();
        });
        builder.record(2, t -> {
            t.fragment();
            t.template(SYSTEM_TEMPLATE, FIRST_DEFINITION, null, values(1, 2, Value.string("b.exe"),
                    Value.string("y"), Value.string("two")));
            t.eof();
        });
        builder.record(3, t -> {
            t.fragment();
            t.template(SYSTEM_TEMPLATE, FIRST_DEFINITION, null, values(1, 3, Value.string("c.exe"), Value.nul(),
                    Value.string("three")));
            t.eof();
        });
        builder.record(4, t -> {
            t.fragment();
            t.template(SYSTEM_TEMPLATE, FIRST_DEFINITION, null, values(1, 4, Value.string("d.exe"),
                    Value.raw(0x81, "p\0q\0".getBytes(StandardCharsets.UTF_16LE)), Value.string("four")));
            t.eof();
        });

        Reading reading = same(builder.build(), EvtxOptions.defaults());

        assertThat(reading.events()).hasSize(4);
        assertThat(reading.events().get(0)).contains("Image = 'a.exe'", "Opt = 'x'", "Data = [one, fixed]");
        assertThat(reading.events().get(1)).contains("Image = 'b.exe'", "Opt = 'y'", "Data = [two, fixed]");
        assertThat(reading.events().get(2)).contains("Image = 'c.exe'", "Data = [three, fixed]")
                .doesNotContain("Opt =");
        assertThat(reading.events().get(3)).as("an array value goes the general way").contains("Opt = 'p'", "Opt_1 = 'q'");
        assertThat(reading.planned()).isEqualTo(3);
    }

    @Test
    void systemValuesAreTrimmedAndEventDataValuesAreNot() throws IOException {
        Value[] values = values(1, 1, Value.string("  spaced  "));
        values[5] = Value.string("  HOST1 \t");
        byte[] file = new EvtxBuilder().record(1, t -> {
            t.fragment();
            t.template(SYSTEM_TEMPLATE, -1, b -> event(b, data("Padded", 8, BinXml.TYPE_STRING)), values);
            t.eof();
        }).build();

        Reading reading = same(file, EvtxOptions.defaults());

        assertThat(reading.planned()).isEqualTo(1);
        assertThat(reading.events().get(0)).contains("Computer = 'HOST1'", "Padded = '  spaced  '");
    }

    @Test
    void casesAPlanCannotRepeatGoTheGeneralWay() throws IOException {
        EvtxBuilder builder = new EvtxBuilder();
        // a field named by a value
        builder.record(1, t -> {
            t.fragment();
            t.template(SYSTEM_TEMPLATE, -1, b -> event(b, d -> d.start("Data", true).attribute("Name", false)
                    .substitution(8, BinXml.TYPE_STRING, false).closeStart().substitution(9, BinXml.TYPE_STRING, false)
                    .end()), values(1, 1, Value.string("Named"), Value.string("v")));
            t.eof();
        });
        // a value joined with text
        builder.chunk().record(2, t -> {
            t.fragment();
            t.template(SYSTEM_TEMPLATE + 1, -1, b -> event(b, d -> d.start("Data", true).attribute("Name", false)
                    .text("Joined").closeStart().text("pre-").substitution(8, BinXml.TYPE_STRING, false).end()),
                    values(1, 2, Value.string("v")));
            t.eof();
        });
        // UserData: an element with attributes is dropped when its text is blank
        builder.chunk().record(3, t -> {
            t.fragment();
            t.template(SYSTEM_TEMPLATE + 2, -1, b -> {
                b.start("Event", false).closeStart().start("System", false).closeStart()
                        .start("EventID", false).closeStart().substitution(1, BinXml.TYPE_UINT16, false).end()
                        .end()
                        .start("UserData", false).closeStart()
                        .start("Item", true).attribute("Kind", false).text("k").closeStart()
                        .substitution(2, BinXml.TYPE_STRING, false).end()
                        .end().end();
            }, Value.nul(), Value.of(BinXml.TYPE_UINT16, 5, 0), Value.string("   "));
            t.eof();
        });
        // literal text that looks like a marker
        builder.chunk().record(4, t -> {
            t.fragment();
            t.template(SYSTEM_TEMPLATE + 3, -1, b -> event(b, d -> d.start("Data", true).attribute("Name", false)
                    .text("Look").closeStart().text(RecordPlan.marker(8)).end()), values(1, 4, Value.string("real")));
            t.eof();
        });

        Reading reading = same(builder.build(), EvtxOptions.defaults());

        assertThat(reading.events()).hasSize(4);
        assertThat(reading.events().get(0)).contains("Named = 'v'");
        assertThat(reading.events().get(1)).contains("Joined = 'pre-v'");
        assertThat(reading.events().get(2)).contains("Item_Kind = 'k'").doesNotContain("Item =");
        assertThat(reading.events().get(3)).contains("Look = '" + RecordPlan.marker(8) + "'");
        assertThat(reading.planned()).isZero();
    }

    @Test
    void theOutputLimitHoldsForPlannedRecords() throws IOException {
        // one 20,000-character value used 850 times: 17 M characters, over the 16 Mi limit
        byte[] file = oneValueUsed850Times("x".repeat(20_000));

        Reading reading = same(file, EvtxOptions.defaults());

        assertThat(reading.events()).isEmpty();
        assertThat(reading.errors()).singleElement().asString()
                .contains("the record expands to more than " + BinXmlInterpreter.MAX_CHARS_PER_RECORD + " characters");
    }

    @Test
    void lowerLimitsHoldOnBothWays() throws IOException {
        // 850 uses of a 2,000-character value: 1.7 M characters, under the real limit, over 1 Mi
        byte[] file = oneValueUsed850Times("x".repeat(2_000));
        assertThat(read(file, EvtxOptions.defaults(), true).events()).hasSize(1);

        for (boolean plans : new boolean[] {true, false}) {
            SharedData.Errors errors = new SharedData.Errors();
            try (EvtxEventReader reader = new EvtxEventReader(new ByteArrayInputStream(file), "t.evtx", errors,
                    EvtxOptions.defaults(), plans).limits(1 << 20, 1 << 20)) {
                assertThat(reader.next()).isNull();
            }
            assertThat(errors.list()).as("plans %s", plans).singleElement().asString()
                    .endsWith("the record expands to more than " + (1 << 20) + " characters");
        }
        SharedData.Errors errors = new SharedData.Errors();
        try (EvtxXmlReader reader = new EvtxXmlReader(new ByteArrayInputStream(file), "t.evtx", errors,
                EvtxOptions.defaults()).limits(1 << 20, 1 << 20)) {
            assertThat(reader.next()).isNull();
        }
        assertThat(errors.list()).singleElement().asString()
                .endsWith("the record expands to more than " + (1 << 20) + " characters");
    }

    /** One record whose EventData holds 850 Data elements, each the same string value. */
    private static byte[] oneValueUsed850Times(String value) {
        return new EvtxBuilder().record(1, t -> {
            t.fragment();
            t.template(SYSTEM_TEMPLATE, -1, b -> event(b, d -> {
                for (int i = 0; i < 850; i++) {
                    d.start("Data", false).closeStart().substitution(8, BinXml.TYPE_STRING, false).end();
                }
            }), values(1, 1, Value.string(value)));
            t.eof();
        }).build();
    }

    @Test
    void aDefinitionRepeatedInLaterChunksIsRecognisedOnlyWhenItsNamesAreTheSame() throws IOException {
        EvtxBuilder builder = new EvtxBuilder();
        chunkWithTemplates(builder, 1, "Image");
        chunkWithTemplates(builder, 3, "Imagf");
        chunkWithTemplates(builder, 5, "Image");

        Reading reading = same(builder.build(), EvtxOptions.defaults());

        assertThat(reading.events()).hasSize(6);
        assertThat(reading.events().get(1)).contains("Image = 'v2'").doesNotContain("Imagf");
        assertThat(reading.events().get(3)).as("same bytes, other name behind a reference")
                .contains("Imagf = 'v4'").doesNotContain("Image =");
        assertThat(reading.events().get(5)).contains("Image = 'v6'").doesNotContain("Imagf");
    }

    @Test
    void aDefinitionIsRecognisedWhereverItsNamesAreStoredInline() throws IOException {
        Consumer<Tokens> named = d -> d.start("Image", false).closeStart().substitution(8, BinXml.TYPE_STRING, false).end();
        EvtxBuilder builder = new EvtxBuilder();
        // chunk 0: the system template first, every name inline; chunks 1 and 2: another template
        // stores the names first, so the system template's names are references there
        builder.chunk().record(1, t -> {
            t.fragment().template(SYSTEM_TEMPLATE, -1, b -> event(b, named), values(1, 1, Value.string("v1")));
            t.eof();
        });
        for (long id = 2; id <= 4; id += 2) {
            long first = id;
            int[] definition = new int[1];
            builder.chunk().record(first, t -> {
                t.fragment();
                t.template(SYSTEM_TEMPLATE + 7, -1, b -> event(b, named), values(1, first, Value.string("z")));
                definition[0] = t.template(SYSTEM_TEMPLATE, -1, b -> event(b, named),
                        values(1, first, Value.string("v" + first)));
                t.eof();
            });
            builder.record(first + 1, t -> {
                t.fragment().template(SYSTEM_TEMPLATE, definition[0], null,
                        values(1, first + 1, Value.string("v" + (first + 1))));
                t.eof();
            });
        }
        byte[] file = builder.build();

        EvtxEventReader reader = new EvtxEventReader(new ByteArrayInputStream(file), "t.evtx", new SharedData.Errors(),
                EvtxOptions.defaults());
        List<String> events = new ArrayList<>();
        Event e;
        while ((e = reader.next()) != null) {
            events.add(describe(e));
        }
        Reading compiledEverywhere = read(file, EvtxOptions.defaults(), true, false);

        assertThat(events).hasSize(5).containsExactlyElementsOf(compiledEverywhere.events());
        assertThat(events.get(2)).contains("Image = 'v3'");
        assertThat(events.get(4)).contains("Image = 'v5'");
        assertThat(reader.templatesCompiled()).as("each template compiled once, in the chunk it first appears in")
                .isEqualTo(2);
    }

    /**
     * A chunk whose first record holds two template instances: another template, then template
     * {@code SYSTEM_TEMPLATE} whose names (the field's element name too) are references to the
     * first one's, so its bytes are the same in every chunk whatever the field is called; the second record
     * uses {@code SYSTEM_TEMPLATE} by reference.
     */
    private static void chunkWithTemplates(EvtxBuilder builder, long firstId, String field) {
        int[] definition = new int[1];
        // an EventData element other than Data is a field under its own name
        Consumer<Tokens> named = d -> d.start(field, false).closeStart().substitution(8, BinXml.TYPE_STRING, false).end();
        builder.chunk().record(firstId, t -> {
            t.fragment();
            t.template(SYSTEM_TEMPLATE + 7, -1, b -> event(b, named),
                    values(1, firstId, Value.string("z")));
            definition[0] = t.template(SYSTEM_TEMPLATE, -1, b -> event(b, named),
                    values(1, firstId, Value.string("x")));
            t.eof();
        });
        builder.record(firstId + 1, t -> {
            t.fragment();
            t.template(SYSTEM_TEMPLATE, definition[0], null, values(1, firstId + 1, Value.string("v" + (firstId + 1))));
            t.eof();
        });
    }
}
