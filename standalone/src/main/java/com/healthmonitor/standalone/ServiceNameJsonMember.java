package com.healthmonitor.standalone;

import ch.qos.logback.classic.spi.ILoggingEvent;
import org.springframework.boot.json.JsonWriter.Members;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * {@code service.name} of each JSON line ({@code LOG_FORMAT=json}) in the standalone: the service its logger
 * belongs to, as {@link ServiceNameConverter} gives it for text lines, instead of the one application name that the
 * last service to start configured for the whole JVM.
 */
public class ServiceNameJsonMember implements StructuredLoggingJsonMembersCustomizer<ILoggingEvent> {

    @Override
    public void customize(Members<ILoggingEvent> members) {
        members.applyingPathFilter(path -> path.toString().equals("service.name"));
        members.add("service.name", event -> ServiceNameConverter.serviceOf(event.getLoggerName()));
    }
}
