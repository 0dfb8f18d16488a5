package dev.dingbot.ops;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Name resolution, injectable so tests can map names to loopback fakes. */
@FunctionalInterface
interface HostResolver {

    InetAddress[] resolve(String host) throws UnknownHostException;

    HostResolver SYSTEM = InetAddress::getAllByName;
}
