package io.vigil.connectors.xml;

import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.Fields;
import io.vigil.connectors.normalize.EventNormalizer;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses one {@code <Event>} record with StAX into a normalised {@link Event}.
 *
 * <ul>
 *   <li>System: {@code Provider/@Name} → Provider, {@code Provider/@Guid} → ProviderGuid,
 *       {@code TimeCreated/@SystemTime} → TimeCreated, {@code Execution/@ProcessID} → ProcessID,
 *       {@code @ThreadID} → ThreadID, {@code Security/@UserID} → UserID,
 *       {@code Correlation/@ActivityID} → ActivityID, every other element's text under its name
 *       (EventID without its Qualifiers).</li>
 *   <li>EventData: {@code <Data Name="x">} → x; {@code <Data>} without a name → the multi-valued
 *       {@code Data}; {@code <Binary>} → Binary. A value that contains markup keeps its text.</li>
 *   <li>UserData (and ProcessingErrorData, DebugData): each leaf element → its text under the
 *       element's local name, each attribute → {@code element_attribute}.</li>
 *   <li>RenderingInfo is ignored: the rendered message is not part of the event.</li>
 * </ul>
 *
 * A name that is already taken gets a suffix {@code _1}, {@code _2}, ... as in evtx_dump. The
 * parser is namespace-unaware, so markup with undeclared prefixes (libevtx prints embedded BinXML
 * that way) still parses. DTDs and external entities are disabled.
 */
final class XmlEventParser {
    private final XMLInputFactory factory;

    XmlEventParser() {
        // the JDK parser, whatever else is on the class path: its behaviour and messages are known
        factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    /** Parses a record as cut by {@link XmlRecordSplitter}. */
    Event parse(String record, String source, String position) throws XMLStreamException {
        XmlText.Prepared prepared = XmlText.prepare(record);
        XMLStreamReader reader = factory.createXMLStreamReader(new StringReader(prepared.text()));
        try {
            return new Walk(reader, Event.builder(source, position), prepared.mappedControls()).run();
        } finally {
            reader.close();
        }
    }

    /** The state of one parse. */
    private static final class Walk {
        private final XMLStreamReader r;
        private final Event.Builder b;
        private final boolean restore;
        private final List<String> unnamed = new ArrayList<>();
        private final Deque<Frame> frames = new ArrayDeque<>();
        private int depth;
        private String section = "";
        private boolean sawSystem;
        /** Text of the value being read, or null; nested markup only adds its text. */
        private StringBuilder capture;
        private String captureName;
        private boolean captureTrim;
        private int captureDepth;

        Walk(XMLStreamReader r, Event.Builder b, boolean restore) {
            this.r = r;
            this.b = b;
            this.restore = restore;
        }

        Event run() throws XMLStreamException {
            while (r.hasNext()) {
                switch (r.next()) {
                    case XMLStreamConstants.START_ELEMENT:
                        depth++;
                        start(localName(r.getLocalName()));
                        break;
                    case XMLStreamConstants.END_ELEMENT:
                        end();
                        depth--;
                        break;
                    case XMLStreamConstants.CHARACTERS:
                    case XMLStreamConstants.CDATA:
                    case XMLStreamConstants.SPACE:
                        text(r.getText());
                        break;
                    default:
                        break;
                }
            }
            if (!sawSystem) {
                throw new XMLStreamException("record has no <System> element");
            }
            return EventNormalizer.normalize(b);
        }

        private void start(String name) throws XMLStreamException {
            if (capture != null) {
                return;
            }
            if (depth == 1) {
                if (!name.equals("Event")) {
                    throw new XMLStreamException("root element is <" + name + ">, not <Event>");
                }
            } else if (depth == 2) {
                section = name;
                sawSystem |= name.equals("System");
            } else if (section.equals("System")) {
                if (depth == 3) {
                    system(name);
                }
            } else if (section.equals("EventData")) {
                if (depth == 3) {
                    eventData(name);
                }
            } else if (isUserDataSection()) {
                if (!frames.isEmpty()) {
                    frames.peek().hasChild = true;
                }
                boolean hasAttributes = false;
                for (int i = 0; i < r.getAttributeCount(); i++) {
                    String attribute = r.getAttributeLocalName(i);
                    // namespace declarations are not event data, whichever way the parser splits them
                    if (!attribute.startsWith("xmlns") && !"xmlns".equals(r.getAttributePrefix(i))) {
                        put(name + "_" + localName(attribute), r.getAttributeValue(i));
                        hasAttributes = true;
                    }
                }
                frames.push(new Frame(name, hasAttributes));
            }
        }

        private void system(String name) {
            switch (name) {
                case "Provider":
                    attribute("Name", Fields.PROVIDER);
                    attribute("Guid", "ProviderGuid");
                    attribute("EventSourceName", "EventSourceName");
                    break;
                case "TimeCreated":
                    attribute("SystemTime", Fields.TIME_CREATED);
                    break;
                case "Correlation":
                    attribute("ActivityID", "ActivityID");
                    attribute("RelatedActivityID", "RelatedActivityID");
                    break;
                case "Execution":
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        put(localName(r.getAttributeLocalName(i)), r.getAttributeValue(i));
                    }
                    break;
                case "Security":
                    attribute("UserID", Fields.USER_ID);
                    break;
                default:
                    startCapture(name, true);
                    break;
            }
        }

        private void eventData(String name) {
            if (name.equals("Data")) {
                String dataName = r.getAttributeValue(null, "Name");
                startCapture(dataName == null || dataName.isEmpty() ? null : dataName, false);
            } else {
                startCapture(name, false);
            }
        }

        private void text(String text) {
            if (capture != null) {
                capture.append(text);
            } else if (!frames.isEmpty()) {
                frames.peek().text.append(text);
            }
        }

        private void end() {
            if (capture != null) {
                if (depth > captureDepth) {
                    return;
                }
                String value = captureTrim ? capture.toString().trim() : capture.toString();
                if (captureName == null) {
                    unnamed.add(restore ? XmlText.restore(value) : value);
                } else {
                    put(captureName, value);
                }
                capture = null;
                return;
            }
            if (depth == 2 && section.equals("EventData") && !unnamed.isEmpty()) {
                b.putAll(unique(Fields.DATA), unnamed);
            }
            if (depth == 2) {
                section = "";
                return;
            }
            if (isUserDataSection() && !frames.isEmpty()) {
                Frame frame = frames.pop();
                String text = frame.text.toString();
                boolean attributeOnly = frame.hasAttributes && text.isBlank();
                if (!frame.hasChild && !attributeOnly) {
                    put(frame.name, text);
                }
            }
        }

        private boolean isUserDataSection() {
            return section.equals("UserData") || section.equals("ProcessingErrorData") || section.equals("DebugData");
        }

        private void startCapture(String name, boolean trim) {
            capture = new StringBuilder();
            captureName = name;
            captureTrim = trim;
            captureDepth = depth;
        }

        private void attribute(String attribute, String field) {
            String value = r.getAttributeValue(null, attribute);
            if (value != null) {
                put(field, value);
            }
        }

        private void put(String name, String value) {
            b.put(unique(name), restore ? XmlText.restore(value) : value);
        }

        private String unique(String name) {
            if (!b.has(name)) {
                return name;
            }
            for (int i = 1; ; i++) {
                String candidate = name + "_" + i;
                if (!b.has(candidate)) {
                    return candidate;
                }
            }
        }

        private static String localName(String name) {
            int colon = name.lastIndexOf(':');
            return colon < 0 ? name : name.substring(colon + 1);
        }
    }

    /** An element of a UserData tree being read. */
    private static final class Frame {
        final String name;
        final boolean hasAttributes;
        final StringBuilder text = new StringBuilder();
        boolean hasChild;

        Frame(String name, boolean hasAttributes) {
            this.name = name;
            this.hasAttributes = hasAttributes;
        }
    }
}
