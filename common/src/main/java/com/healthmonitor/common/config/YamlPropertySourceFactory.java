package com.healthmonitor.common.config;

import java.io.IOException;
import java.util.List;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.CompositePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.core.io.support.PropertySourceFactory;

/**
 * Loads a YAML file named in {@code @PropertySource}. Each service keeps its settings in a file named after it
 * ({@code api-service.yml}, ...) instead of {@code application.yml}, because the standalone run puts all three
 * services on one classpath, where only one {@code application.yml} could be found.
 */
public class YamlPropertySourceFactory implements PropertySourceFactory {

    @Override
    public PropertySource<?> createPropertySource(String name, EncodedResource resource) throws IOException {
        String sourceName = name != null ? name : resource.getResource().getFilename();
        List<PropertySource<?>> documents = new YamlPropertySourceLoader().load(sourceName, resource.getResource());
        CompositePropertySource composite = new CompositePropertySource(sourceName);
        documents.forEach(composite::addPropertySource);
        return composite;
    }
}
