package com.healthmonitor.api.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Puts {@link ProblemErrorReportValve} in place of Tomcat's HTML error report before the host starts, and keeps
 * Tomcat from logging the first unparseable request line of a run at INFO with a stack trace: that is a client's
 * error, already answered with a 400 problem.
 */
@Component
class TomcatErrorCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final LoggingSystem logging;

    TomcatErrorCustomizer(LoggingSystem logging) {
        this.logging = logging;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        logging.setLogLevel("org.apache.coyote.http11.Http11Processor", LogLevel.WARN);
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }
}
