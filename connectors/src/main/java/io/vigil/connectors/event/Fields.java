package io.vigil.connectors.event;

/** Canonical field names, shared by every connector (see the mapping table in the README). */
public final class Fields {
    public static final String EVENT_ID = "EventID";
    public static final String CHANNEL = "Channel";
    public static final String PROVIDER = "Provider";
    public static final String COMPUTER = "Computer";
    public static final String TIME_CREATED = "TimeCreated";
    public static final String EVENT_RECORD_ID = "EventRecordID";
    /** System/Security/@UserID: the SID the event was logged under (for Sysmon, its service account). */
    public static final String USER_ID = "UserID";
    public static final String IMAGE = "Image";
    public static final String COMMAND_LINE = "CommandLine";
    public static final String PARENT_IMAGE = "ParentImage";
    public static final String PARENT_COMMAND_LINE = "ParentCommandLine";
    public static final String ORIGINAL_FILE_NAME = "OriginalFileName";
    public static final String USER = "User";
    public static final String USER_SID = "UserSid";
    public static final String SCRIPT_BLOCK_TEXT = "ScriptBlockText";
    public static final String SCRIPT_BLOCK_ID = "ScriptBlockId";
    public static final String MESSAGE_NUMBER = "MessageNumber";
    public static final String MESSAGE_TOTAL = "MessageTotal";
    public static final String PATH = "Path";
    public static final String CONTEXT_INFO = "ContextInfo";
    public static final String PAYLOAD = "Payload";
    public static final String HOST_APPLICATION = "HostApplication";
    public static final String COMMAND_NAME = "CommandName";
    /** The unnamed {@code <Data>} elements of an event, a multi-valued field (PowerShell 400). */
    public static final String DATA = "Data";

    private Fields() {
    }
}
