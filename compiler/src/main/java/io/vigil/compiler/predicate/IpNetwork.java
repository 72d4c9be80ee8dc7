package io.vigil.compiler.predicate;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Locale;

/**
 * An IPv4 or IPv6 network ({@code 192.168.0.0/16}, {@code fe80::/10}) and a parser for textual
 * addresses. Parsing never resolves names: anything that is not a literal address is rejected.
 * A bare address is a network of one host ({@code /32} or {@code /128}). As Python's
 * {@code ip_network} (which pySigma uses for {@code |cidr}), host bits must be zero.
 */
public final class IpNetwork {
    private final byte[] address;
    private final int prefixLength;

    private IpNetwork(byte[] address, int prefixLength) {
        this.address = address;
        this.prefixLength = prefixLength;
    }

    /** Parses {@code address[/prefix]}; throws {@link IllegalArgumentException} with the reason. */
    public static IpNetwork parse(String text) {
        requireNonNull(text, "text is null");
        String s = text.trim();
        int slash = s.indexOf('/');
        String host = slash < 0 ? s : s.substring(0, slash);
        byte[] address = parseAddress(host);
        if (address == null) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address: '" + host + "'");
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("bad prefix length '" + p + "' in '" + text + "'");
            }
            prefix = Integer.parseInt(p);
            if (prefix > bits) {
                throw new IllegalArgumentException("prefix length " + prefix + " is longer than " + bits + " bits in '"
                        + text + "'");
            }
        }
        for (int i = prefix; i < bits; i++) {
            if ((address[i >>> 3] & (0x80 >>> (i & 7))) != 0) {
                throw new IllegalArgumentException("'" + text + "' has host bits set");
            }
        }
        return new IpNetwork(address, prefix);
    }

    /**
     * The 4 or 16 bytes of a literal IPv4 ({@code a.b.c.d}, decimal, no leading zeros) or IPv6
     * address (with {@code ::} compression and an optional dotted IPv4 tail); null for anything
     * else. An IPv6 zone ({@code %eth0}) is ignored.
     */
    public static byte[] parseAddress(String s) {
        if (s == null || s.isEmpty() || s.length() > 64) {
            return null;
        }
        if (s.indexOf(':') < 0) {
            return parseIpv4(s);
        }
        int zone = s.indexOf('%');
        return parseIpv6(zone >= 0 ? s.substring(0, zone) : s);
    }

    public boolean isIpv6() {
        return address.length == 16;
    }

    public int prefixLength() {
        return prefixLength;
    }

    /** True when the address (4 or 16 bytes) lies inside this network; families never mix. */
    public boolean contains(byte[] candidate) {
        if (candidate == null || candidate.length != address.length) {
            return false;
        }
        int full = prefixLength >>> 3;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != address[i]) {
                return false;
            }
        }
        int rest = prefixLength & 7;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (candidate[full] & mask) == (address[full] & mask);
    }

    private static byte[] parseIpv4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int i = 0;
        int n = s.length();
        while (part < 4) {
            int start = i;
            int value = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return null;
                }
            }
            int len = i - start;
            if (len == 0 || value > 255 || (len > 1 && s.charAt(start) == '0')) {
                return null;
            }
            out[part++] = (byte) value;
            if (part < 4) {
                if (i >= n || s.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return i == n ? out : null;
    }

    private static byte[] parseIpv6(String s) {
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            return null;
        }
        String head = doubleColon >= 0 ? s.substring(0, doubleColon) : s;
        String tail = doubleColon >= 0 ? s.substring(doubleColon + 2) : "";
        int[] headGroups = groups(head, doubleColon >= 0 || tail.isEmpty());
        int[] tailGroups = doubleColon >= 0 ? groups(tail, true) : new int[0];
        if (headGroups == null || tailGroups == null) {
            return null;
        }
        int total = headGroups.length + tailGroups.length;
        if (doubleColon >= 0 ? total > 7 : total != 8) {
            return null;
        }
        int[] all = new int[8];
        System.arraycopy(headGroups, 0, all, 0, headGroups.length);
        System.arraycopy(tailGroups, 0, all, 8 - tailGroups.length, tailGroups.length);
        byte[] out = new byte[16];
        for (int g = 0; g < 8; g++) {
            out[2 * g] = (byte) (all[g] >>> 8);
            out[2 * g + 1] = (byte) all[g];
        }
        return out;
    }

    /** The 16-bit groups of a colon-separated run; a dotted IPv4 address may end it (two groups). */
    private static int[] groups(String s, boolean mayBeEmpty) {
        if (s.isEmpty()) {
            return mayBeEmpty ? new int[0] : null;
        }
        String[] parts = s.split(":", -1);
        int[] out = new int[parts.length + 1];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && p.indexOf('.') >= 0) {
                byte[] v4 = parseIpv4(p);
                if (v4 == null) {
                    return null;
                }
                out[n++] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                out[n++] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
                continue;
            }
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int value = 0;
            for (int j = 0; j < p.length(); j++) {
                int d = Character.digit(p.charAt(j), 16);
                if (d < 0) {
                    return null;
                }
                value = value * 16 + d;
            }
            out[n++] = value;
        }
        return Arrays.copyOf(out, n);
    }

    /** The canonical text: dotted IPv4, or IPv6 with the longest zero run compressed (RFC 5952). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (address.length == 4) {
            for (int i = 0; i < 4; i++) {
                sb.append(i > 0 ? "." : "").append(address[i] & 0xff);
            }
        } else {
            int[] g = new int[8];
            for (int i = 0; i < 8; i++) {
                g[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
            }
            int bestStart = -1;
            int bestLen = 1;
            for (int i = 0; i < 8; ) {
                if (g[i] != 0) {
                    i++;
                    continue;
                }
                int j = i;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            }
            for (int i = 0; i < 8; i++) {
                if (i == bestStart) {
                    sb.append("::");
                    i += bestLen - 1;
                    continue;
                }
                if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                    sb.append(':');
                }
                sb.append(Integer.toHexString(g[i]).toLowerCase(Locale.ROOT));
            }
        }
        return sb.append('/').append(prefixLength).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpNetwork n && n.prefixLength == prefixLength && Arrays.equals(n.address, address);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(address) * 31 + prefixLength;
    }
}
