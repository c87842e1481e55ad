package com.saascrm.security.throttle;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IP address written out, as in {@code X-Forwarded-For}, read without ever asking DNS: the header is written by
 * clients, and {@link InetAddress#getByName} would look up anything that is not strictly a literal.
 */
final class IpLiteral {

    private static final Pattern IPV4 =
            Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?::\\d{1,5})?");
    private static final Pattern BRACKETED_IPV6 = Pattern.compile("\\[([0-9a-fA-F:.]+)\\](?::\\d{1,5})?");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
    private static final int MAX_LENGTH = 64;

    private IpLiteral() {}

    /** The address, with a port that some proxies append dropped; empty for anything else (host names included). */
    static Optional<InetAddress> parse(String text) {
        String literal = text.trim();
        if (literal.isEmpty() || literal.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Matcher ipv4 = IPV4.matcher(literal);
        if (ipv4.matches()) {
            return ipv4(ipv4);
        }
        Matcher bracketed = BRACKETED_IPV6.matcher(literal);
        if (bracketed.matches()) {
            literal = bracketed.group(1);
        }
        // With a colon in it, InetAddress reads it as an IPv6 literal or refuses it; it never looks it up.
        return IPV6.matcher(literal).matches() ? ipv6(literal) : Optional.empty();
    }

    /**
     * The key that the throttle counts a client by. An IPv6 client is counted by its /64 network: one subscriber is
     * given a whole /64 and could otherwise come from a new address for every guess.
     */
    static String clientKey(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] network = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(network, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(network).getHostAddress() + "/64";
            } catch (UnknownHostException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        return address.getHostAddress();
    }

    private static Optional<InetAddress> ipv4(Matcher octets) {
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = Integer.parseInt(octets.group(i + 1));
            if (octet > 255) {
                return Optional.empty();
            }
            address[i] = (byte) octet;
        }
        try {
            return Optional.of(InetAddress.getByAddress(address));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Optional<InetAddress> ipv6(String literal) {
        try {
            return Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException notAnAddress) {
            return Optional.empty();
        }
    }
}
