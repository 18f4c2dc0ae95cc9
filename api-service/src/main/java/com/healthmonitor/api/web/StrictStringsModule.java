package com.healthmonitor.api.web;

import org.springframework.stereotype.Component;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Text fields take JSON strings only: Jackson would otherwise turn {@code {"name": {}}} into some string, and a
 * wrong type must be refused, not reinterpreted. (Scalar coercion is switched off in application.yml.)
 */
@Component
class StrictStringsModule extends SimpleModule {

    StrictStringsModule() {
        super("strict-strings");
        addDeserializer(String.class, new StrictStringDeserializer());
    }

    private static final class StrictStringDeserializer extends StdScalarDeserializer<String> {

        StrictStringDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                return parser.getString();
            }
            return (String) context.handleUnexpectedToken(String.class, parser);
        }
    }
}
