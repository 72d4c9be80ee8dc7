package io.vigil.connectors.evtx;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/**
 * An element or attribute name as stored in binary XML, with its local part (after the last
 * colon) worked out once. Both strings are interned, so comparing them with the names the event
 * mapping looks for takes the identity fast path of {@code String.equals}.
 */
final class XmlName {
    final String qualified;
    final String local;
    /** {@code xmlns} or {@code xmlns:prefix}: a namespace declaration, not data. */
    final boolean namespaceDeclaration;
    /** The qualified name in UTF-16LE, as binary XML stores it (a lone surrogate as U+FFFD). */
    final byte[] utf16le;

    XmlName(String qualified) {
        this.qualified = requireNonNull(qualified, "qualified is null").intern();
        int colon = qualified.lastIndexOf(':');
        this.local = colon < 0 ? this.qualified : qualified.substring(colon + 1).intern();
        this.namespaceDeclaration = qualified.equals("xmlns") || qualified.startsWith("xmlns:");
        this.utf16le = qualified.getBytes(StandardCharsets.UTF_16LE);
    }

    @Override
    public String toString() {
        return qualified;
    }
}
