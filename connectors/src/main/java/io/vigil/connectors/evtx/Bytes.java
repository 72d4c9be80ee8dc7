package io.vigil.connectors.evtx;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian reads from byte arrays; the caller checks bounds first. */
final class Bytes {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Bytes() {
    }

    static int u8(byte[] b, int off) {
        return b[off] & 0xff;
    }

    static int u16(byte[] b, int off) {
        return (short) SHORT.get(b, off) & 0xffff;
    }

    /** A UTF-16LE code unit. */
    static char utf16(byte[] b, int off) {
        return (char) (short) SHORT.get(b, off);
    }

    static int i32(byte[] b, int off) {
        return (int) INT.get(b, off);
    }

    /** An unsigned 32-bit value as a long. */
    static long u32(byte[] b, int off) {
        return (int) INT.get(b, off) & 0xffffffffL;
    }

    static long i64(byte[] b, int off) {
        return (long) LONG.get(b, off);
    }

    static boolean startsWith(byte[] b, int off, byte[] prefix) {
        if (off < 0 || off + prefix.length > b.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[off + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
