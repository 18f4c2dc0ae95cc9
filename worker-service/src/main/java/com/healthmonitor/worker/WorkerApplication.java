package com.healthmonitor.worker;

import com.healthmonitor.common.net.PrivateTargetsProperties;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableConfigurationProperties(PrivateTargetsProperties.class) // common's, outside the scanned package
@EnableScheduling
public class WorkerApplication {

    /** The shared settings file, then this service's own ({@code worker-service.yml}); later files win. */
    public static final String CONFIG_NAME = "health-monitor,worker-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(WorkerApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
