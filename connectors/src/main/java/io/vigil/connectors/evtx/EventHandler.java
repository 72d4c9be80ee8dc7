package io.vigil.connectors.evtx;

import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.Fields;
import io.vigil.connectors.normalize.EventNormalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a normalised {@link Event} straight from the binary XML of a record, with the same
 * mapping as the XML reader ({@code io.vigil.connectors.xml.XmlEventParser}), so a record read
 * from .evtx and the same record read from its event XML give equal events:
 *
 * <ul>
 *   <li>System: {@code Provider/@Name} → Provider, {@code @Guid} → ProviderGuid,
 *       {@code @EventSourceName}; {@code TimeCreated/@SystemTime} → TimeCreated; the attributes of
 *       {@code Execution}; {@code Security/@UserID} → UserID; {@code Correlation/@ActivityID},
 *       {@code @RelatedActivityID}; every other element's trimmed text under its name.</li>
 *   <li>EventData: {@code <Data Name="x">} → x, unnamed {@code <Data>} → the multi-valued
 *       {@code Data}, any other element under its name; nested markup adds its text.</li>
 *   <li>UserData, ProcessingErrorData, DebugData: each leaf element's text under its local name,
 *       each attribute as {@code element_attribute}.</li>
 * </ul>
 *
 * A name already taken gets {@code _1}, {@code _2}, ... One instance per reader; not thread-safe.
 */
final class EventHandler implements BinXmlHandler {
    private static final int NONE = 0;
    private static final int SYSTEM = 1;
    private static final int EVENT_DATA = 2;
    private static final int USER_DATA = 3;
    private static final int OTHER = 4;

    private Event.Builder b;
    private final NameSet taken = new NameSet();
    private final List<String> unnamed = new ArrayList<>();
    private int depth;
    private int section;
    private boolean sawSystem;
    private boolean badRoot;
    private String rootName;

    /** Capture of one value: its name (null for unnamed Data), trimming, and the depth it started at. */
    private boolean capturing;
    private String captureName;
    private boolean captureTrim;
    private int captureDepth;
    private String captureText;
    private final StringBuilder captureMore = new StringBuilder();
    private boolean captureJoined;

    private Frame[] frames = new Frame[8];
    private int frameCount;
    /** A marked run for a {@link RecordPlan}: values are markers, not text. */
    private boolean marked;

    /** Starts a new record. */
    void begin(String source, String position) {
        begin(source, position, false);
    }

    /** Starts a new record, or a marked run of a template for a {@link RecordPlan}. */
    void begin(String source, String position, boolean markedRun) {
        marked = markedRun;
        b = Event.builder(source, position);
        taken.clear();
        unnamed.clear();
        depth = 0;
        section = NONE;
        sawSystem = false;
        badRoot = false;
        rootName = null;
        capturing = false;
        frameCount = 0;
    }

    /** Ends the record: the normalised event, marked as recovered when it came from slack space. */
    Event finish(boolean recovered) {
        return EventNormalizer.normalize(finishRaw(recovered));
    }

    /** Ends the record: the fields read, before normalisation. */
    Event.Builder finishRaw(boolean recovered) {
        if (badRoot) {
            throw new DecodeFailure("root element is <" + rootName + ">, not <Event>");
        }
        if (!sawSystem) {
            throw new DecodeFailure("record has no <System> element");
        }
        if (recovered) {
            b.derive(EvtxOptions.RECOVERED_FIELD, "true");
        }
        Event.Builder built = b;
        b = null;
        return built;
    }

    @Override
    public void startElement(XmlName element, XmlName[] names, String[] values, int count) {
        depth++;
        if (capturing) {
            return;
        }
        String name = element.local;
        if (depth == 1) {
            if (!name.equals("Event")) {
                badRoot = true;
                rootName = name;
            }
        } else if (depth == 2) {
            section = section(name);
            sawSystem |= section == SYSTEM;
        } else if (section == SYSTEM) {
            if (depth == 3) {
                system(name, names, values, count);
            }
        } else if (section == EVENT_DATA) {
            if (depth == 3) {
                eventData(name, names, values, count);
            }
        } else if (section == USER_DATA) {
            if (frameCount > 0) {
                frames[frameCount - 1].hasChild = true;
            }
            boolean hasAttributes = false;
            for (int i = 0; i < count; i++) {
                if (!names[i].namespaceDeclaration) {
                    put(name + "_" + names[i].local, values[i]);
                    hasAttributes = true;
                }
            }
            push(name, hasAttributes);
        }
    }

    private static int section(String name) {
        switch (name) {
            case "System":
                return SYSTEM;
            case "EventData":
                return EVENT_DATA;
            case "UserData":
            case "ProcessingErrorData":
            case "DebugData":
                return USER_DATA;
            default:
                return OTHER;
        }
    }

    private void system(String name, XmlName[] names, String[] values, int count) {
        switch (name) {
            case "Provider":
                attribute("Name", Fields.PROVIDER, names, values, count);
                attribute("Guid", "ProviderGuid", names, values, count);
                attribute("EventSourceName", "EventSourceName", names, values, count);
                break;
            case "TimeCreated":
                attribute("SystemTime", Fields.TIME_CREATED, names, values, count);
                break;
            case "Correlation":
                attribute("ActivityID", "ActivityID", names, values, count);
                attribute("RelatedActivityID", "RelatedActivityID", names, values, count);
                break;
            case "Execution":
                for (int i = 0; i < count; i++) {
                    put(names[i].local, values[i]);
                }
                break;
            case "Security":
                attribute("UserID", Fields.USER_ID, names, values, count);
                break;
            default:
                startCapture(name, true);
                break;
        }
    }

    private void eventData(String name, XmlName[] names, String[] values, int count) {
        if (name.equals("Data")) {
            String dataName = find("Name", names, values, count);
            startCapture(dataName == null || dataName.isEmpty() ? null : dataName, false);
        } else {
            startCapture(name, false);
        }
    }

    @Override
    public void text(String text) {
        if (capturing) {
            if (captureText == null) {
                captureText = text;
            } else {
                if (!captureJoined) {
                    captureMore.setLength(0);
                    captureMore.append(captureText);
                    captureJoined = true;
                }
                captureMore.append(text);
            }
        } else if (frameCount > 0) {
            frames[frameCount - 1].text.append(text);
        }
    }

    @Override
    public void cdata(String text) {
        text(text);
    }

    @Override
    public void charRef(int code) {
        text(new String(Character.toChars(code)));
    }

    @Override
    public void entityRef(String name) {
        String resolved = BinXmlHandler.entity(name);
        text(resolved != null ? resolved : "&" + name + ";");
    }

    @Override
    public void processingInstruction(String target, String data) {
        // not part of the event, as in the XML reader
    }

    @Override
    public void endElement() {
        try {
            end();
        } finally {
            depth--;
        }
    }

    private void end() {
        if (capturing) {
            if (depth > captureDepth) {
                return;
            }
            String value = captureJoined ? captureMore.toString() : captureText == null ? "" : captureText;
            if (captureTrim) {
                value = value.trim();
            }
            if (captureName == null) {
                unnamed.add(value);
            } else {
                put(captureName, value);
            }
            capturing = false;
            return;
        }
        if (depth == 2 && section == EVENT_DATA && !unnamed.isEmpty()) {
            b.putAll(unique(Fields.DATA), unnamed);
        }
        if (depth == 2) {
            section = NONE;
            return;
        }
        if (section == USER_DATA && frameCount > 0) {
            Frame frame = frames[--frameCount];
            String text = frame.text.toString();
            if (marked && frame.hasAttributes) {
                // whether the element is kept depends on its text being blank: not plannable
                throw RecordPlan.NOT_PLANNABLE;
            }
            boolean attributeOnly = frame.hasAttributes && text.isBlank();
            if (!frame.hasChild && !attributeOnly) {
                put(frame.name, text);
            }
        }
    }

    private void startCapture(String name, boolean trim) {
        capturing = true;
        captureName = name;
        captureTrim = trim;
        captureDepth = depth;
        captureText = null;
        captureJoined = false;
    }

    private void attribute(String attribute, String field, XmlName[] names, String[] values, int count) {
        String value = find(attribute, names, values, count);
        if (value != null) {
            put(field, value);
        }
    }

    private static String find(String attribute, XmlName[] names, String[] values, int count) {
        for (int i = 0; i < count; i++) {
            if (names[i].qualified.equals(attribute)) {
                return values[i];
            }
        }
        return null;
    }

    private void put(String name, String value) {
        b.put(unique(name), value);
    }

    /** The name, or with the first free suffix {@code _1}, {@code _2}, ...; the result is taken. */
    private String unique(String name) {
        if (taken.add(name)) {
            return name;
        }
        for (int i = 1; ; i++) {
            String candidate = name + "_" + i;
            if (taken.add(candidate)) {
                return candidate;
            }
        }
    }

    private void push(String name, boolean hasAttributes) {
        if (frameCount == frames.length) {
            frames = Arrays.copyOf(frames, frameCount * 2);
        }
        Frame frame = frames[frameCount];
        if (frame == null) {
            frame = new Frame();
            frames[frameCount] = frame;
        }
        frame.name = name;
        frame.hasAttributes = hasAttributes;
        frame.hasChild = false;
        frame.text.setLength(0);
        frameCount++;
    }

    /** An element of a UserData tree being read. */
    private static final class Frame {
        String name;
        boolean hasAttributes;
        boolean hasChild;
        final StringBuilder text = new StringBuilder();
    }

    /** The field names of one record, for the {@code _1} suffixes; cleared per record by a generation count. */
    static final class NameSet {
        private String[] keys = new String[64];
        private int[] generations = new int[64];
        private int generation = 1;
        private int size;

        void clear() {
            if (++generation == 0) {
                Arrays.fill(generations, 0);
                generation = 1;
            }
            size = 0;
        }

        /** Adds a name; false when it was there already. */
        boolean add(String name) {
            if (2 * (size + 1) > keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            for (int i = name.hashCode() & mask; ; i = (i + 1) & mask) {
                if (generations[i] != generation) {
                    keys[i] = name;
                    generations[i] = generation;
                    size++;
                    return true;
                }
                if (keys[i].equals(name)) {
                    return false;
                }
            }
        }

        private void grow() {
            String[] oldKeys = keys;
            int[] oldGenerations = generations;
            int current = generation;
            keys = new String[oldKeys.length * 2];
            generations = new int[oldKeys.length * 2];
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldGenerations[i] == current) {
                    add(oldKeys[i]);
                }
            }
        }
    }
}
