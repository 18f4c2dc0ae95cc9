package com.healthmonitor.api;

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
public class ApiApplication {

    /** The shared settings file, then this service's own ({@code api-service.yml}); later files win. */
    public static final String CONFIG_NAME = "health-monitor,api-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(ApiApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
