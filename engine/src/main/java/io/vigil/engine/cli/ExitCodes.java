package io.vigil.engine.cli;

/** Process exit codes. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    /** Usage errors and rule errors. */
    public static final int INVALID_INPUT = 2;
    /** Input that could not be read, in part or whole. */
    public static final int UNREADABLE_SOURCE = 3;

    private ExitCodes() {
    }
}
