package io.vigil.connectors.evtx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Renders binary XML values as the text Windows puts in event XML (wevtutil, Event Viewer, the
 * Windows event API that Winlogbeat and NXLog read): decimal integers; HexInt32, HexInt64 and
 * size_t as {@code 0x} and lower-case hex without leading zeros ({@code 0x3e7}); upper-case
 * {@code {GUID}}; {@code S-1-5-...} SIDs; FILETIME as ISO-8601 UTC with seven fraction digits
 * ({@code 2019-07-19T14:48:41.0506612Z}) and SYSTEMTIME with three; upper-case hex for binary;
 * {@code true}/{@code false}. Malformed UTF-16 (a lone surrogate) becomes U+FFFD.
 *
 * <p>libevtx's evtxexport differs in three of these (zero-padded hex, size_t in decimal, nine
 * fraction digits); the parity test names those differences. One instance per reader: it keeps
 * scratch buffers and is not thread-safe.
 */
final class ValueFormatter {
    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();
    private static final char[] HEX_LOWER = "0123456789abcdef".toCharArray();
    /** 100 ns ticks between 1601-01-01 and 1970-01-01. */
    private static final long FILETIME_EPOCH_TICKS = 116_444_736_000_000_000L;
    private static final Charset ANSI = Charset.forName("windows-1252");

    /** Decimal text of 0 to 4095, the common values of ids, levels, tasks and opcodes. */
    private static final String[] SMALL = new String[4096];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = Integer.toString(i);
        }
    }

    private final char[] chars = new char[512];
    private final StringBuilder sb = new StringBuilder(64);
    /** Direct-mapped caches of recently rendered numbers and GUIDs: logs repeat them record after record. */
    private final long[] decimalKeys = new long[256];
    private final String[] decimalValues = new String[256];
    private final long[] hexKeys = new long[256];
    private final String[] hexValues = new String[256];
    private final long[] guidKeys = new long[128];
    private final String[] guidValues = new String[64];
    /** SIDs by their bytes. */
    private final byte[][] sidKeys = new byte[64][];
    private final String[] sidValues = new String[64];

    /** {@code n} UTF-16LE code units, all of them (names, literal text). */
    String utf16(byte[] b, int off, int n) {
        if (n == 0) {
            return "";
        }
        char[] c = chars(n);
        boolean surrogates = false;
        for (int i = 0; i < n; i++) {
            char ch = Bytes.utf16(b, off + 2 * i);
            surrogates |= Character.isSurrogate(ch);
            c[i] = ch;
        }
        if (surrogates) {
            replaceLoneSurrogates(c, n);
        }
        return new String(c, 0, n);
    }

    /**
     * A UTF-16LE substitution value of {@code size} bytes, up to its first NUL. Short values are
     * copied unit by unit. Longer ones (command lines, paths) are copied in bulk first and checked
     * after: the bitwise OR of all their units tells in one branch-free pass that no unit is a
     * surrogate (the common case: the OR of Latin-1 text stays below 0x100). The longest (script
     * blocks) are narrowed instead by the JDK's ISO-8859-1 encoder, whose loop the JIT turns into
     * vector code: text that is all Latin-1 holds no surrogates, and the encoder's bytes become
     * the string. Either way the NUL is found by {@link String#indexOf(int)} on the finished string.
     */
    String utf16Value(byte[] b, int off, int size) {
        int n = size >>> 1;
        if (n < LONG_VALUE) {
            return shortUtf16Value(b, off, n);
        }
        char[] c = chars(n);
        view(b, off).get(off >> 1, c, 0, n);
        int len = n;
        while (len > 0 && c[len - 1] == 0) {
            len--;
        }
        String s = len >= NARROWED_VALUE ? narrowed(c, len) : null;
        if (s == null) {
            if (orOfUnits(b, off, len) >= Character.MIN_SURROGATE && hasSurrogate(c, 0, len)) {
                int nul = 0;
                while (nul < len && c[nul] != 0) {
                    nul++;
                }
                replaceLoneSurrogates(c, nul);
                return new String(c, 0, nul);
            }
            s = new String(c, 0, len);
        }
        int nul = s.indexOf(0);
        return nul < 0 ? s : s.substring(0, nul);
    }

    /** The first {@code len} chars as a string when they are all Latin-1, else null. */
    private String narrowed(char[] c, int len) {
        Scratch scratch = scratch();
        byte[] latin1 = scratch.latin1(len);
        CharBuffer in = CharBuffer.wrap(c, 0, len);
        scratch.encoder.reset().encode(in, ByteBuffer.wrap(latin1, 0, len), true);
        return in.hasRemaining() ? null : new String(latin1, 0, len, StandardCharsets.ISO_8859_1);
    }

    /** The bitwise OR of {@code len} UTF-16 units from {@code off}, four accumulators so the loads do not wait on one another. */
    private static int orOfUnits(byte[] b, int off, int len) {
        long or = 0;
        long or1 = 0;
        long or2 = 0;
        long or3 = 0;
        int end = off + 2 * len;
        int i = off;
        for (; i + 32 <= end; i += 32) {
            or |= Bytes.i64(b, i);
            or1 |= Bytes.i64(b, i + 8);
            or2 |= Bytes.i64(b, i + 16);
            or3 |= Bytes.i64(b, i + 24);
        }
        or |= or1 | or2 | or3;
        for (; i + 8 <= end; i += 8) {
            or |= Bytes.i64(b, i);
        }
        for (; i < end; i += 2) {
            or |= Bytes.u16(b, i);
        }
        return (int) (or | (or >>> 16) | (or >>> 32) | (or >>> 48)) & 0xffff;
    }

    private static boolean hasSurrogate(char[] c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.isSurrogate(c[i])) {
                return true;
            }
        }
        return false;
    }

    /** Little-endian char views of the last array decoded from, at even and at odd byte offsets. */
    private byte[] viewed;
    private CharBuffer evenView;
    private CharBuffer oddView;

    /**
     * The char view of {@code b} whose char index {@code off >> 1} starts at byte {@code off}:
     * made once per array (a reader decodes from its one chunk buffer), not once per value.
     */
    private CharBuffer view(byte[] b, int off) {
        if (b != viewed) {
            evenView = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asCharBuffer();
            oddView = b.length < 1 ? evenView
                    : ByteBuffer.wrap(b, 1, b.length - 1).slice().order(ByteOrder.LITTLE_ENDIAN).asCharBuffer();
            viewed = b;
        }
        return (off & 1) == 0 ? evenView : oddView;
    }

    /** Values of at least this many code units take the bulk way. */
    private static final int LONG_VALUE = 24;
    /** Values of at least this many code units are narrowed by the encoder: below, its set-up costs more than it saves. */
    private static final int NARROWED_VALUE = 256;

    private String shortUtf16Value(byte[] b, int off, int n) {
        char[] c = chars(n);
        int len = 0;
        boolean surrogates = false;
        for (; len < n; len++) {
            char ch = Bytes.utf16(b, off + 2 * len);
            if (ch == 0) {
                break;
            }
            surrogates |= Character.isSurrogate(ch);
            c[len] = ch;
        }
        if (len == 0) {
            return "";
        }
        if (surrogates) {
            replaceLoneSurrogates(c, len);
        }
        return new String(c, 0, len);
    }

    private static long bytesHash(byte[] b, int off, int n) {
        long h = n;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            h = (h ^ Bytes.i64(b, off + i)) * 0x9E3779B97F4A7C15L;
        }
        for (; i < n; i++) {
            h = (h ^ b[off + i]) * 0x9E3779B97F4A7C15L;
        }
        return h ^ (h >>> 29);
    }

    /** Replaces each surrogate that is not part of a pair with U+FFFD, as a UTF-16 decoder does. */
    private static void replaceLoneSurrogates(char[] c, int n) {
        for (int i = 0; i < n; i++) {
            if (Character.isHighSurrogate(c[i]) && i + 1 < n && Character.isLowSurrogate(c[i + 1])) {
                i++;
            } else if (Character.isSurrogate(c[i])) {
                c[i] = '\uFFFD';
            }
        }
    }

    /** An ANSI (Windows-1252) value up to its first NUL. */
    static String ansiValue(byte[] b, int off, int size) {
        int len = 0;
        while (len < size && b[off + len] != 0) {
            len++;
        }
        return new String(b, off, len, ANSI);
    }

    /**
     * A scalar value as text; {@code type} is the value type without the array flag. Returns null
     * for the types that are not rendered as text here (NULL, BinXml).
     */
    String scalar(byte[] b, int off, int size, int type) {
        switch (type) {
            case BinXml.TYPE_STRING:
                return utf16Value(b, off, size);
            case BinXml.TYPE_ANSI_STRING:
                return ansiValue(b, off, size);
            case BinXml.TYPE_INT8:
                return size >= 1 ? decimal(b[off]) : "";
            case BinXml.TYPE_UINT8:
                return size >= 1 ? decimal(b[off] & 0xff) : "";
            case BinXml.TYPE_INT16:
                return size >= 2 ? decimal((short) Bytes.u16(b, off)) : "";
            case BinXml.TYPE_UINT16:
                return size >= 2 ? decimal(Bytes.u16(b, off)) : "";
            case BinXml.TYPE_INT32:
                return size >= 4 ? decimal(Bytes.i32(b, off)) : "";
            case BinXml.TYPE_UINT32:
                return size >= 4 ? decimal(Bytes.u32(b, off)) : "";
            case BinXml.TYPE_INT64:
                return size >= 8 ? decimal(Bytes.i64(b, off)) : "";
            case BinXml.TYPE_UINT64: {
                if (size < 8) {
                    return "";
                }
                long v = Bytes.i64(b, off);
                return v >= 0 ? decimal(v) : Long.toUnsignedString(v);
            }
            case BinXml.TYPE_REAL32:
                return size >= 4 ? real(Float.intBitsToFloat(Bytes.i32(b, off))) : "";
            case BinXml.TYPE_REAL64:
                return size >= 8 ? real(Double.longBitsToDouble(Bytes.i64(b, off))) : "";
            case BinXml.TYPE_BOOL:
                return size >= 4 ? (Bytes.i32(b, off) != 0 ? "true" : "false") : "";
            case BinXml.TYPE_GUID:
                return size >= 16 ? cachedGuid(b, off) : hex(b, off, size);
            case BinXml.TYPE_SIZE_T:
            case BinXml.TYPE_HEX32:
            case BinXml.TYPE_HEX64:
                return size >= 8 ? cachedHex(Bytes.i64(b, off)) : size >= 4 ? cachedHex(Bytes.u32(b, off)) : "";
            case BinXml.TYPE_FILETIME:
                return size >= 8 ? filetime(Bytes.i64(b, off)) : "";
            case BinXml.TYPE_SYSTEMTIME:
                return size >= 16 ? systemtime(b, off) : "";
            case BinXml.TYPE_SID:
                return cachedSid(b, off, size);
            case BinXml.TYPE_BINARY:
            case BinXml.TYPE_EVT_HANDLE:
            case BinXml.TYPE_EVT_XML:
                return hex(b, off, size);
            default:
                return null;
        }
    }

    /** Decimal text, cached. */
    String decimal(long v) {
        if (v >= 0 && v < SMALL.length) {
            return SMALL[(int) v];
        }
        int slot = slot(v, decimalKeys.length);
        String s = decimalValues[slot];
        if (s == null || decimalKeys[slot] != v) {
            s = Long.toString(v);
            decimalKeys[slot] = v;
            decimalValues[slot] = s;
        }
        return s;
    }

    /** {@link #hex(long)}, cached. */
    String cachedHex(long v) {
        int slot = slot(v, hexKeys.length);
        String s = hexValues[slot];
        if (s == null || hexKeys[slot] != v) {
            s = hex(v);
            hexKeys[slot] = v;
            hexValues[slot] = s;
        }
        return s;
    }

    private String cachedGuid(byte[] b, int off) {
        long lo = Bytes.i64(b, off);
        long hi = Bytes.i64(b, off + 8);
        int slot = slot(lo ^ hi, guidValues.length);
        String s = guidValues[slot];
        if (s == null || guidKeys[2 * slot] != lo || guidKeys[2 * slot + 1] != hi) {
            s = guid(b, off);
            guidKeys[2 * slot] = lo;
            guidKeys[2 * slot + 1] = hi;
            guidValues[slot] = s;
        }
        return s;
    }

    private static int slot(long v, int size) {
        long h = v * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & (size - 1);
    }

    /** The fixed item size of an array type's elements, or 0 for strings and variable-size items. */
    static int itemSize(int type) {
        switch (type) {
            case BinXml.TYPE_INT8:
            case BinXml.TYPE_UINT8:
                return 1;
            case BinXml.TYPE_INT16:
            case BinXml.TYPE_UINT16:
                return 2;
            case BinXml.TYPE_INT32:
            case BinXml.TYPE_UINT32:
            case BinXml.TYPE_REAL32:
            case BinXml.TYPE_BOOL:
            case BinXml.TYPE_HEX32:
                return 4;
            case BinXml.TYPE_INT64:
            case BinXml.TYPE_UINT64:
            case BinXml.TYPE_REAL64:
            case BinXml.TYPE_FILETIME:
            case BinXml.TYPE_HEX64:
                return 8;
            case BinXml.TYPE_GUID:
            case BinXml.TYPE_SYSTEMTIME:
                return 16;
            default:
                return 0;
        }
    }

    String hex(byte[] b, int off, int size) {
        char[] c = chars(size * 2);
        for (int i = 0; i < size; i++) {
            int v = b[off + i] & 0xff;
            c[2 * i] = HEX_UPPER[v >>> 4];
            c[2 * i + 1] = HEX_UPPER[v & 0xf];
        }
        return new String(c, 0, size * 2);
    }

    /** {@code 0x} and lower-case hex without leading zeros, as Windows renders HexInt64. */
    static String hex(long v) {
        int digits = Math.max(1, (67 - Long.numberOfLeadingZeros(v)) / 4);
        char[] c = new char[2 + digits];
        c[0] = '0';
        c[1] = 'x';
        for (int i = 0; i < digits; i++) {
            c[c.length - 1 - i] = HEX_LOWER[(int) (v >>> (4 * i)) & 0xf];
        }
        return new String(c);
    }

    static String guid(byte[] b, int off) {
        char[] c = new char[38];
        c[0] = '{';
        int p = 1;
        p = hexDigits(c, p, Bytes.u32(b, off), 8);
        c[p++] = '-';
        p = hexDigits(c, p, Bytes.u16(b, off + 4), 4);
        c[p++] = '-';
        p = hexDigits(c, p, Bytes.u16(b, off + 6), 4);
        c[p++] = '-';
        for (int i = 8; i < 16; i++) {
            if (i == 10) {
                c[p++] = '-';
            }
            p = hexDigits(c, p, b[off + i] & 0xff, 2);
        }
        c[p] = '}';
        return new String(c);
    }

    private static int hexDigits(char[] c, int p, long v, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            c[p++] = HEX_UPPER[(int) (v >>> (4 * i)) & 0xf];
        }
        return p;
    }

    private String cachedSid(byte[] b, int off, int size) {
        if (size > 68) {
            return sid(b, off, size);
        }
        int slot = slot(bytesHash(b, off, size), sidKeys.length);
        byte[] key = sidKeys[slot];
        if (key != null && key.length == size && Arrays.equals(key, 0, size, b, off, off + size)) {
            return sidValues[slot];
        }
        String s = sid(b, off, size);
        sidKeys[slot] = Arrays.copyOfRange(b, off, off + size);
        sidValues[slot] = s;
        return s;
    }

    /** {@code S-R-A-S1-S2...}; the authority in hex when it does not fit 32 bits, as Windows does. */
    String sid(byte[] b, int off, int size) {
        if (size < 8) {
            return hex(b, off, size);
        }
        int count = b[off + 1] & 0xff;
        long authority = 0;
        for (int i = 2; i < 8; i++) {
            authority = (authority << 8) | (b[off + i] & 0xff);
        }
        StringBuilder s = sb;
        s.setLength(0);
        s.append("S-").append(b[off] & 0xff).append('-');
        if (authority >= 1L << 32) {
            s.append("0x");
            for (int i = 2; i < 8; i++) {
                s.append(HEX_UPPER[(b[off + i] >>> 4) & 0xf]).append(HEX_UPPER[b[off + i] & 0xf]);
            }
        } else {
            s.append(authority);
        }
        for (int i = 0; i < count && 8 + 4 * i + 4 <= size; i++) {
            s.append('-').append(Bytes.u32(b, off + 8 + 4 * i));
        }
        return s.toString();
    }

    /** The latest FILETIME rendered with a four-digit year: 9999-12-31T23:59:59.9999999Z. */
    static final long MAX_FOUR_DIGIT_YEAR_TICKS = 2_650_467_743_999_999_999L;

    /**
     * FILETIME as an instant, the one its text ({@link #filetime}) parses to; null past the year
     * 9999 (or a negative tick count), where the text is left for the parser to judge.
     */
    static Instant filetimeInstant(long ticks) {
        if (ticks < 0 || ticks > MAX_FOUR_DIGIT_YEAR_TICKS) {
            return null;
        }
        return Instant.ofEpochSecond(ticks / 10_000_000L - FILETIME_EPOCH_TICKS / 10_000_000L,
                ticks % 10_000_000L * 100);
    }

    /** FILETIME (100 ns ticks since 1601) as {@code yyyy-MM-ddTHH:mm:ss.fffffffZ}. */
    String filetime(long ticks) {
        long seconds = Long.divideUnsigned(ticks, 10_000_000L);
        int fraction = (int) Long.remainderUnsigned(ticks, 10_000_000L);
        if (seconds != timeSeconds) {
            long epochSeconds = seconds - FILETIME_EPOCH_TICKS / 10_000_000L;
            long days = Math.floorDiv(epochSeconds, 86_400L);
            int secondOfDay = (int) Math.floorMod(epochSeconds, 86_400L);
            if (!isoSeconds(days, secondOfDay)) {
                return isoWide(days, secondOfDay, fraction);
            }
            timeSeconds = seconds;
        }
        byte[] t = time;
        digits(t, 20, fraction, 7);
        t[27] = 'Z';
        return new String(t, 0, 28, StandardCharsets.ISO_8859_1);
    }

    /**
     * The seconds FILETIME whose {@code yyyy-MM-ddTHH:mm:ss.} is in {@link #time}: records follow
     * each other in time, so the date and time of day are mostly the previous record's.
     */
    private long timeSeconds = -1;
    private final byte[] time = new byte[28];

    private String systemtime(byte[] b, int off) {
        int year = Bytes.u16(b, off);
        int month = Bytes.u16(b, off + 2);
        int day = Bytes.u16(b, off + 6);
        int hour = Bytes.u16(b, off + 8);
        int minute = Bytes.u16(b, off + 10);
        int second = Bytes.u16(b, off + 12);
        int millis = Bytes.u16(b, off + 14);
        StringBuilder s = sb;
        s.setLength(0);
        pad(s, year, 4).append('-');
        pad(s, month, 2).append('-');
        pad(s, day, 2).append('T');
        pad(s, hour, 2).append(':');
        pad(s, minute, 2).append(':');
        pad(s, second, 2).append('.');
        pad(s, millis, 3).append('Z');
        return s.toString();
    }

    /**
     * Writes {@code yyyy-MM-ddTHH:mm:ss.} of a day and second into {@link #time}; false, writing
     * nothing, when the year has other than four digits.
     */
    private boolean isoSeconds(long epochDays, int secondOfDay) {
        long[] ymd = civil(epochDays);
        long year = ymd[0];
        if (year < 0 || year >= 10_000) {
            return false;
        }
        byte[] t = time;
        digits(t, 0, (int) year, 4);
        t[4] = '-';
        digits(t, 5, (int) ymd[1], 2);
        t[7] = '-';
        digits(t, 8, (int) ymd[2], 2);
        t[10] = 'T';
        digits(t, 11, secondOfDay / 3600, 2);
        t[13] = ':';
        digits(t, 14, secondOfDay / 60 % 60, 2);
        t[16] = ':';
        digits(t, 17, secondOfDay % 60, 2);
        t[19] = '.';
        return true;
    }

    /** Writes {@code v} as exactly {@code n} decimal digits, with leading zeros. */
    private static void digits(byte[] t, int at, int v, int n) {
        for (int i = at + n - 1; i >= at; i--) {
            t[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
    }

    /** Year, month and day of a day counted from 1970-01-01, proleptic Gregorian (H. Hinnant's civil-from-days). */
    private final long[] ymd = new long[3];

    private long[] civil(long epochDays) {
        long z = epochDays + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        ymd[0] = yoe + era * 400 + (month <= 2 ? 1 : 0);
        ymd[1] = month;
        ymd[2] = day;
        return ymd;
    }

    /** The ISO text of a time whose year has other than four digits. */
    private String isoWide(long epochDays, int secondOfDay, int ticks) {
        long[] date = civil(epochDays);
        StringBuilder s = sb;
        s.setLength(0);
        s.append(date[0]).append('-');
        pad(s, (int) date[1], 2).append('-');
        pad(s, (int) date[2], 2).append('T');
        pad(s, secondOfDay / 3600, 2).append(':');
        pad(s, secondOfDay / 60 % 60, 2).append(':');
        pad(s, secondOfDay % 60, 2).append('.');
        pad(s, ticks, 7).append('Z');
        return s.toString();
    }

    private static StringBuilder pad(StringBuilder s, int v, int digits) {
        int limit = 1;
        for (int i = 1; i < digits; i++) {
            limit *= 10;
        }
        while (limit > 1 && v < limit) {
            s.append('0');
            limit /= 10;
        }
        return s.append(v);
    }

    /** Floating point as Windows renders it: integral values without a fraction, else shortest form. */
    static String real(double v) {
        if (Double.isNaN(v)) {
            return "-1.#IND";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "1.#INF" : "-1.#INF";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /**
     * Scratch of at least {@code n} chars, filled and turned into a string by the caller before
     * its next call. Small values use this formatter's own; long ones (script blocks run to 32 Ki
     * characters) share one per thread, so that each file read on a thread does not grow its own.
     */
    private char[] chars(int n) {
        if (n <= chars.length) {
            return chars;
        }
        return scratch().chars(n);
    }

    private Scratch scratch() {
        if (largeOwner != Thread.currentThread()) {
            largeOwner = Thread.currentThread();
            large = LARGE.get();
        }
        return large;
    }

    private static final ThreadLocal<Scratch> LARGE = ThreadLocal.withInitial(Scratch::new);
    /** The thread whose scratch {@link #large} is: a reader may be opened on one thread and read on another. */
    private Thread largeOwner;
    private Scratch large;

    /** Scratch for long values, one per thread; grows to at most one chunk's worth. */
    private static final class Scratch {
        private char[] chars = new char[4096];
        private byte[] latin1 = new byte[4096];
        final CharsetEncoder encoder = StandardCharsets.ISO_8859_1.newEncoder();

        char[] chars(int n) {
            if (chars.length < n) {
                chars = new char[Math.max(n, Math.min(2 * chars.length, Chunk.SIZE / 2))];
            }
            return chars;
        }

        byte[] latin1(int n) {
            if (latin1.length < n) {
                latin1 = new byte[Math.max(n, Math.min(2 * latin1.length, Chunk.SIZE / 2))];
            }
            return latin1;
        }
    }
}
