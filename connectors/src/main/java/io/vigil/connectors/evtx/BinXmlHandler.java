package io.vigil.connectors.evtx;

/**
 * Receives the XML structure of a record as the interpreter walks it. Attribute arrays are reused
 * after the call returns. Text arrives with references already resolved into characters, except
 * where the handler gets {@link #entityRef} and {@link #charRef} itself.
 */
interface BinXmlHandler {
    void startElement(XmlName name, XmlName[] attributeNames, String[] attributeValues, int attributeCount);

    void text(String text);

    void cdata(String text);

    /** A character reference such as {@code &#38;}. */
    void charRef(int code);

    /** An entity reference such as {@code &amp;}. */
    void entityRef(String name);

    void processingInstruction(String target, String data);

    void endElement();

    /** The text an entity reference stands for, or null for an unknown entity. */
    static String entity(String name) {
        switch (name) {
            case "lt":
                return "<";
            case "gt":
                return ">";
            case "amp":
                return "&";
            case "quot":
                return "\"";
            case "apos":
                return "'";
            default:
                return null;
        }
    }
}
