package io.vigil.connectors.evtx;

/** Token and value-type codes of Windows binary XML (MS-EVEN6; libevtx format notes). */
final class BinXml {
    static final int EOF = 0x00;
    static final int OPEN_START_ELEMENT = 0x01;
    static final int CLOSE_START_ELEMENT = 0x02;
    static final int CLOSE_EMPTY_ELEMENT = 0x03;
    static final int END_ELEMENT = 0x04;
    static final int VALUE = 0x05;
    static final int ATTRIBUTE = 0x06;
    static final int CDATA = 0x07;
    static final int CHAR_REF = 0x08;
    static final int ENTITY_REF = 0x09;
    static final int PI_TARGET = 0x0a;
    static final int PI_DATA = 0x0b;
    static final int TEMPLATE_INSTANCE = 0x0c;
    static final int NORMAL_SUBSTITUTION = 0x0d;
    static final int OPTIONAL_SUBSTITUTION = 0x0e;
    static final int FRAGMENT_HEADER = 0x0f;
    /** Set on element, value, attribute, CDATA and reference tokens: "has attributes" / "more data follows". */
    static final int MORE = 0x40;

    static final int TYPE_NULL = 0x00;
    static final int TYPE_STRING = 0x01;
    static final int TYPE_ANSI_STRING = 0x02;
    static final int TYPE_INT8 = 0x03;
    static final int TYPE_UINT8 = 0x04;
    static final int TYPE_INT16 = 0x05;
    static final int TYPE_UINT16 = 0x06;
    static final int TYPE_INT32 = 0x07;
    static final int TYPE_UINT32 = 0x08;
    static final int TYPE_INT64 = 0x09;
    static final int TYPE_UINT64 = 0x0a;
    static final int TYPE_REAL32 = 0x0b;
    static final int TYPE_REAL64 = 0x0c;
    static final int TYPE_BOOL = 0x0d;
    static final int TYPE_BINARY = 0x0e;
    static final int TYPE_GUID = 0x0f;
    static final int TYPE_SIZE_T = 0x10;
    static final int TYPE_FILETIME = 0x11;
    static final int TYPE_SYSTEMTIME = 0x12;
    static final int TYPE_SID = 0x13;
    static final int TYPE_HEX32 = 0x14;
    static final int TYPE_HEX64 = 0x15;
    static final int TYPE_EVT_HANDLE = 0x20;
    static final int TYPE_BINXML = 0x21;
    static final int TYPE_EVT_XML = 0x23;
    static final int TYPE_ARRAY = 0x80;

    private BinXml() {
    }
}
