package dev.dingbot.core.net;

import java.net.InetAddress;

/**
 * Whether an address is a public unicast address of the internet, the only kind the bot may contact on a user's
 * behalf (a name from a chat, a download URL). Works on the raw bytes, so an IPv4 address wrapped in IPv6
 * ({@code ::ffff:a.b.c.d}, {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) is judged by the
 * IPv4 address inside, whichever {@link InetAddress} subclass carries it. In doubt, an address is not public:
 * of IPv6 only global unicast ({@code 2000::/3}) outside the special blocks passes.
 */
public final class PublicAddresses {

    private PublicAddresses() {
    }

    public static boolean isPublic(InetAddress address) {
        byte[] b = address.getAddress();
        return b.length == 4 ? isPublicV4(b, 0) : b.length == 16 && isPublicV6(b);
    }

    private static boolean isPublicV4(byte[] b, int at) {
        int a0 = b[at] & 0xFF;
        int a1 = b[at + 1] & 0xFF;
        int a2 = b[at + 2] & 0xFF;
        return !(a0 == 0                                   // "this" network
                || a0 == 10                                // private
                || a0 == 127                               // loopback
                || (a0 == 100 && a1 >= 64 && a1 < 128)     // carrier-grade NAT
                || (a0 == 169 && a1 == 254)                // link-local, cloud metadata
                || (a0 == 172 && a1 >= 16 && a1 < 32)      // private
                || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) // IETF assignments, documentation
                || (a0 == 192 && a1 == 88 && a2 == 99)     // 6to4 relay anycast
                || (a0 == 192 && a1 == 168)                // private
                || (a0 == 198 && (a1 == 18 || a1 == 19))   // benchmarking
                || (a0 == 198 && a1 == 51 && a2 == 100)    // documentation
                || (a0 == 203 && a1 == 0 && a2 == 113)     // documentation
                || a0 >= 224);                             // multicast, reserved, broadcast
    }

    private static boolean isPublicV6(byte[] b) {
        if (zeros(b, 0, 10) && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) return isPublicV4(b, 12); // mapped
        if (zeros(b, 0, 12)) return isPublicV4(b, 12);     // IPv4-compatible; also :: and ::1
        if (word(b, 0) == 0x0064 && word(b, 2) == 0xFF9B && zeros(b, 4, 12)) return isPublicV4(b, 12); // NAT64
        int first = word(b, 0);
        if (first == 0x2002) return isPublicV4(b, 2);      // 6to4
        if ((first & 0xE000) != 0x2000) return false;      // not global unicast: 100::/64, fc00::/7, fe80::/10, ff00::/8…
        int second = word(b, 2);
        return !((first == 0x2001 && second < 0x0200)      // IETF protocol assignments: Teredo, ORCHID, benchmarking
                || (first == 0x2001 && second == 0x0DB8)   // documentation
                || (first == 0x3FFF && (second & 0xF000) == 0)); // documentation 3fff::/20
    }

    private static boolean zeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) return false;
        }
        return true;
    }

    private static int word(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }
}
