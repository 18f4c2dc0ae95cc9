package com.healthmonitor.worker.check;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The target of {@link CheckCostBenchmark}, run as a separate process so that its CPU time is not counted as the
 * client's. {@code /keep} keeps connections alive, {@code /close} closes each (a new connection per check, as a
 * monitor checked every minute gets). Prints its HTTP and HTTPS ports on one line.
 */
public final class BenchmarkTarget {

    private static final byte[] BODY =
            "{\"status\":\"UP\",\"db\":{\"status\":\"UP\"},\"version\":\"1.4.2\"}".getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(args[0])) {
            store.load(in, args[1].toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, args[1].toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);

        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        HttpServer http = HttpServer.create(any, 1000);
        HttpsServer https = HttpsServer.create(any, 1000);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        for (HttpServer server : new HttpServer[] {http, https}) {
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/keep", exchange -> reply(exchange, false));
            server.createContext("/close", exchange -> reply(exchange, true));
            server.start();
        }
        System.out.println(
                http.getAddress().getPort() + " " + https.getAddress().getPort());
        System.out.flush();
        System.in.read(); // runs until the benchmark closes our stdin
        System.exit(0);
    }

    private static void reply(HttpExchange exchange, boolean close) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (close) {
            exchange.getResponseHeaders().set("Connection", "close");
        }
        exchange.sendResponseHeaders(200, BODY.length);
        exchange.getResponseBody().write(BODY);
        exchange.close();
    }
}
