package com.healthmonitor.common.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** ALLOW_PRIVATE_TARGETS reaches the one record through the shared health-monitor.yml, defaulting to false. */
class PrivateTargetsPropertiesTest {

    @Test
    void privateTargetsAreRefusedUnlessTheVariableAllowsThem() throws IOException {
        assertThat(bind(Map.of()).allowPrivateTargets()).isFalse();
        assertThat(bind(Map.of("ALLOW_PRIVATE_TARGETS", "true")).allowPrivateTargets())
                .isTrue();
    }

    private static PrivateTargetsProperties bind(Map<String, Object> variables) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("variables", variables));
        for (PropertySource<?> yaml :
                new YamlPropertySourceLoader().load("shared", new ClassPathResource("health-monitor.yml"))) {
            environment.getPropertySources().addLast(yaml);
        }
        return Binder.get(environment).bindOrCreate("health-monitor", PrivateTargetsProperties.class);
    }
}
