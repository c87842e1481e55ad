package com.saascrm.testsupport;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A browser-like session with the Camunda web apps over HTTP: cookies, the CSRF token, the form login. It calls
 * the web apps' own API ({@code /camunda/api/engine/...}), which Tasklist and Cockpit use.
 */
public final class WebappSession {

    private final String baseUrl;
    private final String engine;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client =
            HttpClient.newBuilder().cookieHandler(cookies).build();
    private String forwardedFor;

    public WebappSession(int port, String engine) {
        this.baseUrl = "http://localhost:" + port;
        this.engine = engine;
    }

    /** A session logged in to Tasklist as an account user of the tests ({@link TestAccounts#PASSWORD}). */
    public static WebappSession inTasklist(int port, String login) throws IOException, InterruptedException {
        WebappSession session = new WebappSession(port, "default");
        int status = session.login("tasklist", login, TestAccounts.PASSWORD);
        if (status != 200) {
            throw new IllegalStateException(login + " could not log in to Tasklist: " + status);
        }
        return session;
    }

    /** Every request of this session says, through the proxy that the tests' loopback peer is, where it comes from. */
    public WebappSession forwardedFor(String clientAddress) {
        this.forwardedFor = clientAddress;
        return this;
    }

    /** Logs in to {@code webapp}; returns the HTTP status (200 when the user may use that app). */
    public int login(String webapp, String login, String password) throws IOException, InterruptedException {
        return loginResponse(webapp, login, password).statusCode();
    }

    public HttpResponse<String> loginResponse(String webapp, String login, String password)
            throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/camunda/app/" + webapp + "/" + engine + "/"))
                .GET());
        HttpResponse<String> answer = post(
                "/camunda/api/admin/auth/user/" + engine + "/login/" + webapp,
                "application/x-www-form-urlencoded",
                "username=" + login + "&password=" + password);
        // The login starts a new session; like the app after it, ask who is logged in, which hands out its CSRF token.
        get("/camunda/api/admin/auth/user/" + engine);
        return answer;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    /** A download, as the browser's session gets it. */
    public HttpResponse<byte[]> download(String path) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** An upload of a file as the page's script sends it. */
    public HttpResponse<String> upload(String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String contentType, String body)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Any method with a JSON body (or none), as the web apps' scripts send it. */
    public HttpResponse<String> json(String method, String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The engine's REST API as the web apps reach it, under the session's login. */
    public String engineApi(String path) {
        return "/camunda/api/engine/engine/" + engine + path;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        csrfToken().ifPresent(token -> request.header("X-XSRF-TOKEN", token));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private java.util.Optional<String> csrfToken() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue)
                .findFirst();
    }
}
