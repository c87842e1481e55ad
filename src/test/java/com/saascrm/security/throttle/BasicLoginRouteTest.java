package com.saascrm.security.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The throttle reads every Basic header that Spring Security or Camunda would check a password for, the same way;
 * what it cannot read is refused, never passed on.
 */
class BasicLoginRouteTest {

    private final BasicLoginRoute route = new BasicLoginRoute("api", RefusalFormat.PROBLEM_DETAIL);

    @Test
    void readsLoginAndPassword() throws UnreadableLogin {
        assertThat(read("Basic " + base64("alice:se:cret")).attempt()).contains(new LoginAttempt("alice", "se:cret"));
        assertThat(read("basic   " + base64("alice:x") + "  ").attempt()).contains(new LoginAttempt("alice", "x"));
    }

    @Test
    void aTokenWithWhiteSpaceInsideIsReadAsCamundasLenientDecoderReadsIt() throws UnreadableLogin {
        String token = base64("alice:secret");

        assertThat(read("Basic " + token.substring(0, 4) + " " + token.substring(4))
                        .attempt())
                .contains(new LoginAttempt("alice", "secret"));
    }

    @Test
    void otherSchemesAndNoHeaderCarryNoLogin() throws UnreadableLogin {
        assertThat(read(null).attempt()).isEmpty();
        assertThat(read("Bearer abc").attempt()).isEmpty();
    }

    @Test
    void whatCannotBeReadIsRefused() {
        for (String header : new String[] {
            "Basic",
            "Basic " + base64("alice:x") + "!",
            "Basic%" + base64("alice:x"),
            "Basic " + base64("no-colon"),
            "Basic " + base64(":password"),
            "Basic " + base64("x".repeat(65) + ":p")
        }) {
            assertThatThrownBy(() -> read(header)).as(header).isInstanceOf(UnreadableLogin.class);
        }
    }

    private LoginRequest read(String authorization) throws UnreadableLogin {
        MockHttpServletRequest request = new MockHttpServletRequest();
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        return route.read(request);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
