package io.vigil.connectors.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values rendered as Windows renders them in event XML. */
class ValueFormatterTest {
    private final ValueFormatter formatter = new ValueFormatter();

    private String render(int type, String hex) {
        byte[] b = java.util.HexFormat.of().parseHex(hex);
        return formatter.scalar(b, 0, b.length, type);
    }

    @ParameterizedTest
    @CsvSource({
        "3, ff, -1", "4, ff, 255", "5, feff, -2", "6, feff, 65534", "7, 5f800480, -2147188641",
        "8, 5f800480, 2147778655", "9, ffffffffffffffff, -1", "10, ffffffffffffffff, 18446744073709551615",
        "10, 3930000000000000, 12345",
        "20, e7030000, 0x3e7", "20, 00000000, 0x0", "21, 0000000000000080, 0x8000000000000000",
        "21, e703000000000000, 0x3e7", "16, 58080000, 0x858", "16, 5808000000000000, 0x858",
        "13, 00000000, false", "13, 01000000, true", "13, 02000000, true",
        "14, 00ff10, 00FF10",
        "15, f4510f6588d3000052520f6588d3d101, {650F51F4-D388-0000-5252-0F6588D3D101}",
        "19, 010100000000000512000000, S-1-5-18",
        "19, 010500000000000515000000b33e58d5d5ddde7c26e65934e8030000, S-1-5-21-3579330227-2094980565-878306854-1000",
        "19, 0101ffffffffffff00000000, S-1-0xFFFFFFFFFFFF-0",
        "18, e1070400050015000a00290012000700, 2017-04-21T10:41:18.007Z",
        "11, 0000c03f, 1.5", "12, 0000000000000840, 3", "12, 000000000000f87f, -1.#IND",
    })
    void rendersScalarsAsWindowsDoes(int type, String hex, String text) {
        assertThat(render(type, hex)).isEqualTo(text);
    }

    @Test
    void rendersFiletimeWithSevenFractionDigitsAsJavaTimeDoes() {
        DateTimeFormatter iso = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            long ticks = (long) (random.nextDouble() * 2_650_467_743_999_999_999L);
            Instant instant = Instant.ofEpochSecond(ticks / 10_000_000L - 11_644_473_600L, ticks % 10_000_000L * 100);
            assertThat(formatter.filetime(ticks)).as("ticks %d", ticks).isEqualTo(iso.format(instant));
        }
        assertThat(formatter.filetime(0)).isEqualTo("1601-01-01T00:00:00.0000000Z");
        // records follow each other in time: many share their second, and days and years roll over
        long ticks = 132_223_103_999_000_000L; // 2019-12-31T23:59:59.9Z
        for (int i = 0; i < 10_000; i++) {
            ticks += random.nextInt(4) == 0 ? random.nextInt(30_000_000) : random.nextInt(300);
            Instant instant = Instant.ofEpochSecond(ticks / 10_000_000L - 11_644_473_600L, ticks % 10_000_000L * 100);
            assertThat(formatter.filetime(ticks)).as("ticks %d", ticks).isEqualTo(iso.format(instant));
        }
        assertThat(formatter.filetime(2_650_467_744_000_000_000L)).isEqualTo("10000-01-01T00:00:00.0000000Z");
        assertThat(formatter.filetime(2_650_467_743_999_999_999L)).isEqualTo("9999-12-31T23:59:59.9999999Z");
    }

    @Test
    void decodesUtf16UpToTheFirstNulAndReplacesLoneSurrogates() {
        byte[] b = "ab\0cd".getBytes(StandardCharsets.UTF_16LE);
        assertThat(formatter.utf16Value(b, 0, b.length)).isEqualTo("ab");
        byte[] broken = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN).putChar('\uD940').putChar('\u5A1F')
                .putChar('\u0152').array();
        assertThat(formatter.utf16Value(broken, 0, 6)).isEqualTo("\uFFFD\u5A1F\u0152");
        byte[] pair = "x\uD83D\uDE00".getBytes(StandardCharsets.UTF_16LE);
        assertThat(formatter.utf16Value(pair, 0, pair.length)).isEqualTo("x\uD83D\uDE00");
        byte[] trailing = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putChar('y').putChar('\uDC00').array();
        assertThat(formatter.utf16(trailing, 0, 2)).isEqualTo("y\uFFFD");
    }

    @Test
    void filetimeInstantsAreWhatTheirTextParsesTo() {
        java.util.Random random = new java.util.Random(11);
        for (int round = 0; round < 20_000; round++) {
            long ticks = round < 2 ? round * ValueFormatter.MAX_FOUR_DIGIT_YEAR_TICKS
                    : (long) (random.nextDouble() * ValueFormatter.MAX_FOUR_DIGIT_YEAR_TICKS);
            assertThat(ValueFormatter.filetimeInstant(ticks)).as("ticks %d", ticks)
                    .isEqualTo(io.vigil.connectors.event.Timestamps.parse(formatter.filetime(ticks)));
        }
        assertThat(ValueFormatter.filetimeInstant(-1)).isNull();
        assertThat(ValueFormatter.filetimeInstant(ValueFormatter.MAX_FOUR_DIGIT_YEAR_TICKS + 1)).isNull();
    }

    @Test
    void sidsFromTheCacheAreTheSidsOfTheirBytes() {
        java.util.Random random = new java.util.Random(3);
        for (int round = 0; round < 2_000; round++) {
            int subAuthorities = 1 + random.nextInt(3);
            ByteBuffer sid = ByteBuffer.allocate(8 + 4 * subAuthorities).order(ByteOrder.LITTLE_ENDIAN);
            sid.put((byte) 1).put((byte) subAuthorities).put(new byte[] {0, 0, 0, 0, 0, 5});
            StringBuilder expected = new StringBuilder("S-1-5");
            for (int i = 0; i < subAuthorities; i++) {
                int v = random.nextInt(4);
                sid.putInt(v);
                expected.append('-').append(v);
            }
            byte[] b = sid.array();
            assertThat(formatter.scalar(b, 0, b.length, BinXml.TYPE_SID)).as("round %d", round)
                    .isEqualTo(expected.toString());
        }
    }

    @Test
    void decodesUtf16OfEveryLengthAndNulPositionLikeTheJdk() {
        java.util.Random random = new java.util.Random(7);
        String alphabet = "aZ9 \\é€漢\uD83D\uDE00\uD800\uDC00\uDBFF\uDFFF\u0000\u00FF\u0100";
        for (int round = 0; round < 8_000; round++) {
            int n = random.nextInt(round % 2 == 0 ? 120 : 600);
            // per mille of characters that are not lower-case ASCII: none, rare, some, many
            int exotic = new int[] {0, 3, 100, 300}[round % 4];
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < n; i++) {
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                // mostly ASCII, with the odd NUL, lone or paired surrogate, non-Latin-1 character
                text.append(random.nextInt(1000) >= exotic ? (char) ('a' + random.nextInt(26)) : c);
            }
            if (round % 8 == 1 && n > 0) {
                text.setCharAt(n - 1, '\0'); // a terminating NUL inside the value's size
            }
            int offset = random.nextInt(5);
            byte[] utf16 = text.toString().getBytes(StandardCharsets.UTF_16LE);
            byte[] b = new byte[offset + utf16.length + 1];
            System.arraycopy(utf16, 0, b, offset, utf16.length);
            String upToNul = text.indexOf("\0") < 0 ? text.toString() : text.substring(0, text.indexOf("\0"));
            String expected = new String(upToNul.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.UTF_16LE);
            assertThat(formatter.utf16Value(b, offset, utf16.length)).as("round %d", round).isEqualTo(expected);
        }
    }

    @Test
    void noValueRendersToMoreThanThreeCharactersPerBytePlusForty() {
        // RecordPlan counts a record's characters exactly only when this bound could pass the limit
        java.util.Random random = new java.util.Random(13);
        int[] types = {BinXml.TYPE_STRING, BinXml.TYPE_ANSI_STRING, BinXml.TYPE_INT8, BinXml.TYPE_UINT8,
            BinXml.TYPE_INT16, BinXml.TYPE_UINT16, BinXml.TYPE_INT32, BinXml.TYPE_UINT32, BinXml.TYPE_INT64,
            BinXml.TYPE_UINT64, BinXml.TYPE_REAL32, BinXml.TYPE_REAL64, BinXml.TYPE_BOOL, BinXml.TYPE_BINARY,
            BinXml.TYPE_GUID, BinXml.TYPE_SIZE_T, BinXml.TYPE_FILETIME, BinXml.TYPE_SYSTEMTIME, BinXml.TYPE_SID,
            BinXml.TYPE_HEX32, BinXml.TYPE_HEX64, BinXml.TYPE_EVT_HANDLE, BinXml.TYPE_EVT_XML};
        for (int round = 0; round < 50_000; round++) {
            int type = types[random.nextInt(types.length)];
            int size = random.nextInt(4) == 0 ? random.nextInt(200) : random.nextInt(20);
            byte[] b = new byte[size + 3];
            random.nextBytes(b);
            if (type == BinXml.TYPE_SID && size >= 2) {
                b[2] = (byte) random.nextInt(256); // any sub-authority count
            }
            String text = formatter.scalar(b, 1, size, type);
            assertThat(text == null ? 0 : text.length()).as("type 0x%x, %d bytes", type, size)
                    .isLessThanOrEqualTo(3 * size + 40);
        }
    }

    @Test
    void decodesAnsiAsWindows1252() {
        assertThat(render(BinXml.TYPE_ANSI_STRING, "80e90041")).isEqualTo("\u20ac\u00e9");
    }

    @Test
    void cachesRepeatedValuesWithoutMixingThemUp() {
        for (long v = 0; v < 100_000; v += 7) {
            assertThat(formatter.cachedHex(v)).isEqualTo("0x" + Long.toHexString(v));
            assertThat(formatter.decimal(v * 31)).isEqualTo(Long.toString(v * 31));
        }
    }
}
