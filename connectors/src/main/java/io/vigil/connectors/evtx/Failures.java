package io.vigil.connectors.evtx;

/** Messages for records that could not be decoded. */
final class Failures {
    private Failures() {
    }

    /** The reason a record failed; an unexpected exception is named, since it points at a bug. */
    static String describe(RuntimeException e) {
        if (e instanceof DecodeFailure) {
            return e.getMessage();
        }
        return "cannot decode (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + ")";
    }
}
