package com.saascrm.security.throttle;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * Which client a request comes from, as the login throttle counts it. Without trusted proxies that is the peer
 * of the connection. When the peer is a trusted proxy, it is the right-most address of {@code X-Forwarded-For} that
 * is not a trusted proxy itself: each proxy appends the peer it saw, so that entry was written by the proxy nearest
 * to the client that is ours, and everything to its left by the client.
 */
@Component
class ClientAddresses {

    private final List<IpAddressMatcher> trustedProxies;

    ClientAddresses(TrustedProxySettings settings) {
        this.trustedProxies = settings.trustedProxies().stream()
                .map(String::trim)
                .filter(proxy -> !proxy.isEmpty())
                .map(IpAddressMatcher::new)
                .toList();
    }

    String clientOf(HttpServletRequest request) {
        Optional<InetAddress> peer = IpLiteral.parse(request.getRemoteAddr());
        if (peer.isEmpty()) {
            // A servlet container always gives a literal; a unix socket or a test may not.
            return request.getRemoteAddr();
        }
        InetAddress client = peer.get();
        for (String hop : forwardedForFromRightToLeft(request)) {
            if (!isTrustedProxy(client)) {
                break;
            }
            Optional<InetAddress> forwarded = IpLiteral.parse(hop);
            if (forwarded.isEmpty()) {
                // A trusted proxy passed on something that is not an address: count the request by that proxy.
                break;
            }
            client = forwarded.get();
        }
        return IpLiteral.clientKey(client);
    }

    private boolean isTrustedProxy(InetAddress address) {
        String literal = address.getHostAddress();
        return trustedProxies.stream().anyMatch(proxy -> proxy.matches(literal));
    }

    private static List<String> forwardedForFromRightToLeft(HttpServletRequest request) {
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
            for (String hop : header.split(",")) {
                hops.add(hop);
            }
        }
        Collections.reverse(hops);
        return hops;
    }
}
