package com.saascrm.security.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The web apps' login form is read as JAX-RS reads it, and handed on with its body intact. */
class WebappLoginFormRouteTest {

    private final WebappLoginFormRoute route = new WebappLoginFormRoute();

    @Test
    void readsTheFormAsTheWebAppsSendItAndHandsTheBodyOn() throws Exception {
        String form = "username=alice&password=p%C3%A5ss%26word&username=bob";
        MockHttpServletRequest request = login("application/x-www-form-urlencoded;charset=UTF-8", form);

        LoginRequest read = route.read(request);

        assertThat(read.attempt()).contains(new LoginAttempt("alice", "påss&word"));
        assertThat(new String(read.request().getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo(form);
    }

    @Test
    void logoutAndOtherRequestsCarryNoLogin() throws UnreadableLogin {
        MockHttpServletRequest logout = login(null, "");
        logout.setPathInfo("/default/logout");
        MockHttpServletRequest currentUser = login(null, "");
        currentUser.setMethod("GET");

        assertThat(route.read(logout).attempt()).isEmpty();
        assertThat(route.read(currentUser).attempt()).isEmpty();
    }

    @Test
    void aLoginThatIsNoUrlEncodedFormOrTooLargeIsRefused() {
        assertThatThrownBy(() -> route.read(login("application/json", "{\"username\":\"alice\"}")))
                .isInstanceOfSatisfying(
                        UnreadableLogin.class,
                        refused -> assertThat(refused.status()).isEqualTo(415));
        assertThatThrownBy(() -> route.read(login("multipart/form-data; boundary=x", "--x")))
                .isInstanceOfSatisfying(
                        UnreadableLogin.class,
                        refused -> assertThat(refused.status()).isEqualTo(415));
        String large = "username=alice&password=" + "x".repeat(WebappLoginFormRoute.MAX_FORM_BYTES);
        assertThatThrownBy(() -> route.read(login("application/x-www-form-urlencoded", large)))
                .isInstanceOfSatisfying(
                        UnreadableLogin.class,
                        refused -> assertThat(refused.status()).isEqualTo(413));
    }

    private static MockHttpServletRequest login(String contentType, String body) {
        MockHttpServletRequest request =
                new MockHttpServletRequest("POST", "/camunda/api/admin/auth/user/default/login/tasklist");
        request.setServletPath("/camunda/api/admin");
        request.setPathInfo("/auth/user/default/login/tasklist");
        if (contentType != null) {
            request.setContentType(contentType);
        }
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }
}
