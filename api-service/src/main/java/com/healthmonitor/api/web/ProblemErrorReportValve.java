package com.healthmonitor.api.web;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's last word on errors it answers before the application sees the request (a {@code %2F} or {@code %00}
 * in the path, a request line or headers beyond the limits): problem+json instead of Tomcat's HTML page. Public
 * because the host instantiates it by class name.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        if (status == 501) {
            // Tomcat's answer to CONNECT: a method this API does not offer, the client's doing, not a server fault.
            status = 405;
            response.setStatus(status);
            response.setHeader("Allow", "GET, HEAD, POST, PUT, DELETE, OPTIONS");
        }
        // The application's filters never saw this request: the headers they set on every response, here too.
        SecurityHeaders.write(response, null);
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"about:blank\",\"title\":\"" + title(status) + "\",\"status\":" + status
                        + ",\"detail\":\"The request could not be processed.\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client went away or the response is already committed: nothing left to tell it.
        }
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 431 -> "Request Header Fields Too Large";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            default -> status < 500 ? "Bad Request" : "Internal Server Error";
        };
    }
}
