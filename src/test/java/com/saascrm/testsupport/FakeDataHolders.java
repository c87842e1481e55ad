package com.saascrm.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * External data holders played on a loopback port: each answers a request to erase at {@code /<holder>/erasures}
 * with 202, or with the statuses it was told to give first, and remembers every request it got. It stops when the
 * test JVM does.
 */
public final class FakeDataHolders {

    public record Received(String idempotencyKey, String signature, String body) {}

    private final HttpServer server;
    private final Map<String, Deque<Integer>> answers = new ConcurrentHashMap<>();
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private volatile CountDownLatch together;

    private FakeDataHolders(HttpServer server) {
        this.server = server;
    }

    public static FakeDataHolders start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeDataHolders holders = new FakeDataHolders(server);
            server.createContext("/", holders::handle);
            server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "fake-data-holder");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
            return holders;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String holder) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + holder + "/erasures";
    }

    /** The holder answers its next requests with these statuses, then with 202 again. */
    public void answer(String holder, int... statuses) {
        Deque<Integer> queue = answers.computeIfAbsent(holder, name -> new ArrayDeque<>());
        synchronized (queue) {
            for (int status : statuses) {
                queue.add(status);
            }
        }
    }

    /**
     * The next {@code requests} requests are answered only once all of them have arrived (or after ten seconds), so
     * that {@link #peakInFlight()} shows whether they were sent side by side.
     */
    public void answerTogether(int requests) {
        peakInFlight.set(0);
        together = new CountDownLatch(requests);
    }

    /** The most requests that were open at once since {@link #answerTogether}. */
    public int peakInFlight() {
        return peakInFlight.get();
    }

    public List<Received> requestsTo(String holder) {
        return List.copyOf(received.getOrDefault(holder, List.of()));
    }

    public void reset() {
        answers.clear();
        received.clear();
        together = null;
    }

    private void handle(HttpExchange exchange) throws IOException {
        peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            answer(exchange);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String holder = exchange.getRequestURI().getPath().split("/")[1];
        try (InputStream body = exchange.getRequestBody()) {
            received.computeIfAbsent(holder, name -> new CopyOnWriteArrayList<>())
                    .add(new Received(
                            exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                            exchange.getRequestHeaders().getFirst("Erasure-Signature"),
                            new String(body.readAllBytes(), StandardCharsets.UTF_8)));
        }
        CountDownLatch all = together;
        if (all != null) {
            all.countDown();
            try {
                all.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Deque<Integer> queue = answers.computeIfAbsent(holder, name -> new ArrayDeque<>());
        Integer status;
        synchronized (queue) {
            status = queue.poll();
        }
        exchange.sendResponseHeaders(status == null ? 202 : status, -1);
        exchange.close();
    }
}
