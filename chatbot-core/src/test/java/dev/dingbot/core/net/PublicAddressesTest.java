package dev.dingbot.core.net;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.Inet6Address;
import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class PublicAddressesTest {

    @ParameterizedTest(name = "{0} ({1}) is not public")
    @CsvSource({
            "0.0.0.0, this network",
            "0.1.2.3, this network",
            "10.1.2.3, private",
            "100.64.0.1, carrier-grade NAT",
            "100.127.255.254, carrier-grade NAT",
            "127.0.0.1, loopback",
            "127.8.9.10, loopback",
            "169.254.169.254, link-local (metadata)",
            "172.16.0.1, private",
            "172.31.255.255, private",
            "192.0.0.8, IETF assignments",
            "192.0.2.1, documentation",
            "192.88.99.1, 6to4 relay",
            "192.168.1.1, private",
            "198.18.0.1, benchmarking",
            "198.19.255.1, benchmarking",
            "198.51.100.7, documentation",
            "203.0.113.9, documentation",
            "224.0.0.1, multicast",
            "239.255.255.250, multicast",
            "240.0.0.1, reserved",
            "255.255.255.255, broadcast",
            "::, unspecified",
            "::1, loopback",
            "::ffff:127.0.0.1, IPv4-mapped loopback",
            "::ffff:10.0.0.1, IPv4-mapped private",
            "::ffff:169.254.169.254, IPv4-mapped link-local",
            "::127.0.0.1, IPv4-compatible loopback",
            "::192.168.0.1, IPv4-compatible private",
            "64:ff9b::127.0.0.1, NAT64 of loopback",
            "64:ff9b::10.0.0.1, NAT64 of private",
            "64:ff9b:1::808:808, local-use NAT64",
            "2002:7f00:1::1, 6to4 of loopback",
            "2002:c0a8:101::1, 6to4 of private",
            "100::1, discard-only",
            "100::ffff:ffff:ffff:ffff, discard-only",
            "fc00::1, unique local",
            "fd12:3456::1, unique local",
            "fe80::1, link-local",
            "febf::1, link-local",
            "fec0::1, site-local",
            "ff02::1, multicast",
            "ff0e::101, multicast",
            "2001::1, Teredo",
            "2001:db8::1, documentation",
            "3fff::1, documentation",
            "4000::1, not allocated",
    })
    void addresses_of_private_special_and_wrapped_ranges_are_not_public(String address, String range) throws Exception {
        assertThat(PublicAddresses.isPublic(InetAddress.getByName(address))).as(range).isFalse();
        assertThat(PublicAddresses.isPublic(asInet6(address))).as(range + " as Inet6Address").isFalse();
    }

    @ParameterizedTest(name = "{0} is public")
    @CsvSource({"8.8.8.8", "93.184.216.34", "1.1.1.1", "100.128.0.1", "172.32.0.1", "192.169.0.1",
            "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1", "2606:2800:220:1::1", "2400:3200::1"})
    void global_unicast_addresses_and_public_ones_wrapped_in_ipv6_are_public(String address) throws Exception {
        assertThat(PublicAddresses.isPublic(InetAddress.getByName(address))).isTrue();
        assertThat(PublicAddresses.isPublic(asInet6(address))).as("as Inet6Address").isTrue();
    }

    /**
     * The address as a resolver may hand it over: 16 raw bytes in an {@link Inet6Address}, which the JDK does not
     * turn into an Inet4Address the way it does for a parsed {@code ::ffff:} literal.
     */
    private static InetAddress asInet6(String address) throws Exception {
        byte[] raw = InetAddress.getByName(address).getAddress();
        byte[] sixteen = new byte[16];
        if (raw.length == 4) {
            sixteen[10] = (byte) 0xFF;
            sixteen[11] = (byte) 0xFF;
            System.arraycopy(raw, 0, sixteen, 12, 4);
        } else {
            sixteen = raw;
        }
        InetAddress six = Inet6Address.getByAddress(null, sixteen, -1);
        assertThat(six).isInstanceOf(Inet6Address.class);
        return six;
    }
}
