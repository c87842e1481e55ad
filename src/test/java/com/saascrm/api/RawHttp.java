package com.saascrm.api;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.MediaType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * HTTP/1.1 over a plain socket, so that the request line and the headers reach the server byte for byte: HTTP
 * clients normalise or re-encode paths ({@code ..%2f}, {@code ;x=1}) and refuse others ({@code %00}, {@code |},
 * control characters in headers). The request line and headers go out as ISO-8859-1, one byte per character.
 */
final class RawHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private RawHttp(int port) {
        this.port = port;
    }

    static RawHttp to(int port) {
        return new RawHttp(port);
    }

    RawHttp basic(String login, String password) {
        return header(
                "Authorization",
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    RawHttp header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    Answer get(String target) {
        return sendLine(method(target, "GET"), null);
    }

    Answer post(String target) {
        return sendLine(method(target, "POST"), null);
    }

    Answer postJson(String target, String body) {
        return postJson(target, body.getBytes(StandardCharsets.UTF_8));
    }

    Answer postJson(String target, byte[] body) {
        headers.putIfAbsent("Content-Type", MediaType.APPLICATION_JSON_VALUE);
        return sendLine(method(target, "POST"), body);
    }

    Answer send(String method, String target) {
        return sendLine(method(target, method), null);
    }

    /** Posts {@code body} as one chunk of a chunked body: the server learns its length only by reading it. */
    Answer postChunkedJson(String target, byte[] body) {
        headers.putIfAbsent("Content-Type", MediaType.APPLICATION_JSON_VALUE);
        headers.put("Transfer-Encoding", "chunked");
        byte[] size = (Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] end = "\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] chunked = new byte[size.length + body.length + end.length];
        System.arraycopy(size, 0, chunked, 0, size.length);
        System.arraycopy(body, 0, chunked, size.length, body.length);
        System.arraycopy(end, 0, chunked, size.length + body.length, end.length);
        return send(method(target, "POST"), chunked, false);
    }

    /** Sends {@code requestLine} as it is, such as {@code GET /x HTTP/1.1}, with the headers. */
    Answer sendLine(String requestLine, byte[] body) {
        return send(requestLine, body, body != null);
    }

    private Answer send(String requestLine, byte[] body, boolean withLength) {
        StringBuilder head = new StringBuilder(requestLine)
                .append("\r\n")
                .append("Host: localhost:")
                .append(port)
                .append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (withLength) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return Answer.parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String method(String target, String method) {
        return method + " " + target + " HTTP/1.1";
    }

    record Answer(int status, Map<String, String> headers, String body) {

        /** Header names in lower case; a chunked body is put back together. */
        static Answer parse(byte[] response) throws IOException {
            String text = new String(response, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                throw new AssertionError("No complete HTTP response: " + text);
            }
            String[] lines = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            byte[] body = Arrays.copyOfRange(response, end + 4, response.length);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = unchunk(new ByteArrayInputStream(body));
            }
            return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
        }

        private static byte[] unchunk(InputStream in) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                int size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16);
                if (size == 0) {
                    return body.toByteArray();
                }
                body.write(in.readNBytes(size));
                readLine(in);
            }
        }

        private static String readLine(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + header("Content-Type") + " " + body;
        }
    }
}
