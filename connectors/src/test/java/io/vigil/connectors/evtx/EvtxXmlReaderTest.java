package io.vigil.connectors.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.connectors.event.Event;
import io.vigil.connectors.evtx.EvtxBuilder.Value;
import io.vigil.connectors.testing.SharedData;
import io.vigil.connectors.xml.WindowsXmlEventReader;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Event XML rendered from binary XML, for {@code vigil dump --format xml}. */
class EvtxXmlReaderTest {
    private final SharedData.Errors errors = new SharedData.Errors();

    @Test
    void laysOutXmlAsEvtxexportDoes() throws Exception {
        byte[] file = new EvtxBuilder().record(1, t -> {
            t.fragment();
            t.template(7, -1, b -> b.start("Event", true).attribute("xmlns", false).text("urn:e").closeStart()
                    .start("System", false).closeStart()
                    .start("Provider", true).attribute("Name", true).substitution(0, 1, false)
                    .attribute("Guid", false).substitution(1, 0x0f, false).closeEmpty()
                    .start("Keywords", false).closeStart().substitution(2, 0x15, false).end()
                    .start("Correlation", true).attribute("ActivityID", false).substitution(3, 0x0f, true)
                    .closeEmpty()
                    .end()
                    .start("EventData", false).closeStart()
                    .start("Data", true).attribute("Name", false).text("Text").closeStart().substitution(4, 1, false)
                    .end()
                    .start("Data", true).attribute("Name", false).text("Empty").closeStart().substitution(5, 1, false)
                    .end()
                    .end().end(),
                    Value.string("P \"q\""), Value.of(0x0f, 0x25, 0x96, 0x84, 0x54, 0x78, 0x54, 0x94, 0x49, 0xa5, 0xba,
                            0x3e, 0x3b, 0x03, 0x28, 0xc3, 0x0d),
                    Value.u64(0x15, 0x8020000000000000L), Value.nul(), Value.string("a<b>&c\r\nd\u0003"),
                    Value.string(""));
            t.eof();
        }).build();

        EvtxXmlReader reader = new EvtxXmlReader(new ByteArrayInputStream(file), "in", errors, EvtxOptions.defaults());

        assertThat(reader.next()).isEqualTo("""
                <Event xmlns="urn:e">
                  <System>
                    <Provider Name="P &quot;q&quot;" Guid="{54849625-5478-4994-A5BA-3E3B0328C30D}"/>
                    <Keywords>0x8020000000000000</Keywords>
                    <Correlation/>
                  </System>
                  <EventData>
                    <Data Name="Text">a&lt;b&gt;&amp;c\r
                d&#x3;</Data>
                    <Data Name="Empty"/>
                  </EventData>
                </Event>
                """);
        assertThat(reader.position()).isEqualTo("record 1");
        assertThat(reader.next()).isNull();
        assertThat(errors.list()).isEmpty();
    }

    /** The XML of every shared file, read back with the XML reader, gives the events the EVTX reader gives. */
    @TestFactory
    Stream<DynamicTest> xmlOfEverySharedFileReadsBackToTheSameEvents() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path evtx : EvtxExport.sharedFiles()) {
            tests.add(DynamicTest.dynamicTest(EvtxExport.relative(evtx), () -> {
                StringBuilder xml = new StringBuilder();
                try (EvtxXmlReader reader = EvtxXmlReader.open(evtx, (s, p, m) -> { }, EvtxOptions.defaults())) {
                    String record;
                    while ((record = reader.next()) != null) {
                        xml.append(record);
                    }
                }
                List<Event> direct = SharedData.readAll(EvtxEventReader.open(evtx, (s, p, m) -> { },
                        EvtxOptions.defaults()));
                List<Event> fromXml = SharedData.readAll(new WindowsXmlEventReader(new StringReader(xml.toString()),
                        "xml", errors));
                assertThat(errors.list()).isEmpty();
                assertThat(fromXml).hasSameSizeAs(direct);
                for (int i = 0; i < direct.size(); i++) {
                    assertThat(fields(direct.get(i), fromXml.get(i))).as("record %d", direct.get(i).recordId())
                            .isEqualTo(withoutNamespaceFields(fromXml.get(i)));
                }
            }));
        }
        return tests.stream();
    }

    /** The fields of a native event, less the leaves the XML reader does not see as leaves (see below). */
    private static Map<String, Object> fields(Event e, Event xml) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < e.fieldCount(); i++) {
            String name = e.fieldName(i);
            boolean onlyDeclarations = "".equals(e.fieldValue(i)) && has(xml, name + "_auto-ns");
            if (!onlyDeclarations) {
                fields.put(name, normalise(e.fieldValue(i)));
            }
        }
        return fields;
    }

    /** The XML reader keeps {@code xmlns:prefix} declarations as fields (EvtxParityTest NAMESPACE_DECLARATION_AS_FIELD). */
    private static Map<String, Object> withoutNamespaceFields(Event e) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < e.fieldCount(); i++) {
            if (!e.fieldName(i).contains("_auto-ns")) {
                fields.put(e.fieldName(i), normalise(e.fieldValue(i)));
            }
        }
        return fields;
    }

    private static boolean has(Event e, String prefix) {
        for (int i = 0; i < e.fieldCount(); i++) {
            if (e.fieldName(i).startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static Object normalise(Object value) {
        return value instanceof String[] ? List.of((String[]) value) : value;
    }
}
