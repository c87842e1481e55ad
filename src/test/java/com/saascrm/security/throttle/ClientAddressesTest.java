package com.saascrm.security.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Which client the throttle counts a request by, behind trusted proxies or not. */
class ClientAddressesTest {

    private final ClientAddresses behindProxies =
            new ClientAddresses(new TrustedProxySettings(List.of("10.0.0.1", "192.168.0.0/16")));
    private final ClientAddresses direct = new ClientAddresses(new TrustedProxySettings(List.of()));

    @Test
    void withoutTrustedProxiesTheForwardedForHeaderIsIgnored() {
        assertThat(direct.clientOf(request("203.0.113.7", "198.51.100.1"))).isEqualTo("203.0.113.7");
    }

    @Test
    void forwardedForFromAPeerThatIsNoTrustedProxyIsIgnored() {
        assertThat(behindProxies.clientOf(request("203.0.113.7", "198.51.100.1")))
                .isEqualTo("203.0.113.7");
        assertThat(behindProxies.clientOf(request("203.0.113.7", "10.0.0.1"))).isEqualTo("203.0.113.7");
    }

    @Test
    void behindATrustedProxyTheRightMostUntrustedAddressIsTheClient() {
        // The client wrote the first two entries itself; the proxies appended the last two.
        MockHttpServletRequest request = request("10.0.0.1", "1.2.3.4, 198.51.100.1, 203.0.113.9, 192.168.4.4");

        assertThat(behindProxies.clientOf(request)).isEqualTo("203.0.113.9");
    }

    @Test
    void severalForwardedForHeadersReadAsOneList() {
        MockHttpServletRequest request = request("10.0.0.1", "1.2.3.4");
        request.addHeader("X-Forwarded-For", "203.0.113.9");

        assertThat(behindProxies.clientOf(request)).isEqualTo("203.0.113.9");
    }

    @Test
    void aTrustedProxyWithoutForwardedForIsItselfTheClient() {
        assertThat(behindProxies.clientOf(request("10.0.0.1", null))).isEqualTo("10.0.0.1");
    }

    @Test
    void anEntryThatIsNoAddressStopsAtTheProxyThatPassedItOn() {
        // Host names are never looked up: the header is the client's to write.
        assertThat(behindProxies.clientOf(request("10.0.0.1", "localhost"))).isEqualTo("10.0.0.1");
        assertThat(behindProxies.clientOf(request("10.0.0.1", "203.0.113.9, evil.example, 192.168.1.1")))
                .isEqualTo("192.168.1.1");
        assertThat(behindProxies.clientOf(request("10.0.0.1", "999.1.1.1"))).isEqualTo("10.0.0.1");
    }

    @Test
    void portsThatProxiesAppendAreDropped() {
        assertThat(behindProxies.clientOf(request("10.0.0.1", "203.0.113.9:51234")))
                .isEqualTo("203.0.113.9");
        assertThat(behindProxies.clientOf(request("10.0.0.1", "[2001:db8::1]:443")))
                .isEqualTo("2001:db8:0:0:0:0:0:0/64");
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() {
        assertThat(direct.clientOf(request("2001:db8:1:2:aaaa::1", null)))
                .isEqualTo(direct.clientOf(request("2001:db8:1:2:bbbb::2", null)))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(direct.clientOf(request("2001:db8:1:3::1", null))).isEqualTo("2001:db8:1:3:0:0:0:0/64");
    }

    private static MockHttpServletRequest request(String peer, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }
}
