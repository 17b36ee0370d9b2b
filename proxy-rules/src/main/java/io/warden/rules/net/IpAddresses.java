package io.warden.rules.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Parses IP address literals without ever touching DNS: {@link InetAddress#getByName} would
 * resolve a host name, which a header value must never cause.
 */
public final class IpAddresses {

    private IpAddresses() {
    }

    /** The address for an IPv4 or IPv6 literal (IPv6 optionally in brackets), or empty. */
    public static Optional<InetAddress> parse(String text) {
        byte[] bytes = toBytes(text);
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException impossible) {
            return Optional.empty();
        }
    }

    /** The 4 or 16 bytes of an IP literal, or null when the text is not one. */
    public static byte[] toBytes(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        if (s.length() >= 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']') {
            s = s.substring(1, s.length() - 1);
        }
        if (s.isEmpty() || s.length() > 45) {
            return null;
        }
        return s.indexOf(':') >= 0 ? parseV6(s) : parseV4(s, 0, s.length());
    }

    private static byte[] parseV4(String s, int from, int to) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        int digits = 0;
        for (int i = from; i <= to; i++) {
            char c = i == to ? '.' : s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits > 0 && value == 0) {
                    return null; // a leading zero would read as octal elsewhere: refuse the ambiguity
                }
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255 || ++digits > 3) {
                    return null;
                }
            } else if (c == '.') {
                if (value < 0 || part > 3) {
                    return null;
                }
                out[part++] = (byte) value;
                value = -1;
                digits = 0;
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    private static byte[] parseV6(String s) {
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        byte[] out = new byte[16];
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        int n = s.length();
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
            if (n == 2) {
                return out;
            }
        } else if (s.startsWith(":")) {
            return null;
        }
        while (i < n) {
            if (count >= 8) {
                return null;
            }
            int end = i;
            while (end < n && s.charAt(end) != ':') {
                end++;
            }
            String group = s.substring(i, end);
            if (group.indexOf('.') >= 0) {
                if (end != n || count > 6) {
                    return null;
                }
                byte[] v4 = parseV4(group, 0, group.length());
                if (v4 == null) {
                    return null;
                }
                groups[count++] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                groups[count++] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
                i = n;
                break;
            }
            if (group.isEmpty() || group.length() > 4) {
                return null;
            }
            int value = 0;
            for (int k = 0; k < group.length(); k++) {
                int d = Character.digit(group.charAt(k), 16);
                if (d < 0) {
                    return null;
                }
                value = (value << 4) | d;
            }
            groups[count++] = value;
            if (end == n) {
                i = n;
            } else if (end + 1 < n && s.charAt(end + 1) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i = end + 2;
            } else if (end + 1 == n) {
                return null;
            } else {
                i = end + 1;
            }
        }
        if (gap < 0 && count != 8 || gap >= 0 && count > 7) {
            return null;
        }
        int tail = gap < 0 ? 0 : count - gap;
        int head = count - tail;
        for (int g = 0; g < head; g++) {
            out[2 * g] = (byte) (groups[g] >>> 8);
            out[2 * g + 1] = (byte) groups[g];
        }
        for (int g = 0; g < tail; g++) {
            int target = 8 - tail + g;
            out[2 * target] = (byte) (groups[head + g] >>> 8);
            out[2 * target + 1] = (byte) groups[head + g];
        }
        return out;
    }

    /**
     * The canonical text of an address: dotted quad for IPv4 (and IPv4-mapped IPv6), compressed
     * lower-case RFC 5952 form for IPv6. One spelling per address, so it can key a map.
     */
    public static String canonical(InetAddress address) {
        return canonical(address.getAddress());
    }

    public static String canonical(byte[] b) {
        if (b.length == 4) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        if (isV4Mapped(b)) {
            return (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int g = 0; g < 8; ) {
            if (group(b, g) != 0) {
                g++;
                continue;
            }
            int start = g;
            while (g < 8 && group(b, g) == 0) {
                g++;
            }
            if (g - start > bestLen) {
                bestStart = start;
                bestLen = g - start;
            }
        }
        StringBuilder sb = new StringBuilder(39);
        for (int g = 0; g < 8; g++) {
            if (g == bestStart) {
                sb.append("::");
                g += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(group(b, g)));
        }
        return sb.toString();
    }

    /** IPv4-mapped IPv6 addresses are the IPv4 client they carry, for keys and CIDR checks. */
    public static byte[] unmapped(byte[] b) {
        if (isV4Mapped(b)) {
            return new byte[] {b[12], b[13], b[14], b[15]};
        }
        return b;
    }

    private static boolean isV4Mapped(byte[] b) {
        if (b.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    private static int group(byte[] b, int g) {
        return ((b[2 * g] & 0xff) << 8) | (b[2 * g + 1] & 0xff);
    }
}
