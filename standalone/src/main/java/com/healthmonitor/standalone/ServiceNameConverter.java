package com.healthmonitor.standalone;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %service} in the standalone's log pattern: the three services share one JVM and one logging system,
 * so the application name Spring Boot prints would be the same on every line. The service is told by the
 * logger's package instead; framework lines say {@code standalone}.
 */
public class ServiceNameConverter extends ClassicConverter {

    private static final String PREFIX = "com.healthmonitor.";

    @Override
    public String convert(ILoggingEvent event) {
        return serviceOf(event.getLoggerName());
    }

    static String serviceOf(String loggerName) {
        if (loggerName == null || !loggerName.startsWith(PREFIX)) {
            return "standalone";
        }
        String rest = loggerName.substring(PREFIX.length());
        int dot = rest.indexOf('.');
        return switch (dot < 0 ? rest : rest.substring(0, dot)) {
            case "api" -> "api-service";
            case "scheduler" -> "scheduler-service";
            case "worker" -> "worker-service";
            case "migrations" -> "db-migrations";
            default -> "standalone";
        };
    }
}
