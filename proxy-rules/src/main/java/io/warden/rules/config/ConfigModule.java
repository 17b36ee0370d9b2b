package io.warden.rules.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.time.Duration;

/** Teaches Jackson the config's own value spellings (durations as {@code 5s}). */
public final class ConfigModule extends SimpleModule {

    public ConfigModule() {
        super("warden-config");
        addSerializer(Duration.class, new JsonSerializer<>() {
            @Override
            public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(Durations.format(value));
            }
        });
        addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                    return Duration.ofSeconds(p.getLongValue());
                }
                String text = p.getValueAsString();
                if (text == null) {
                    return (Duration) ctx.handleUnexpectedToken(Duration.class, p);
                }
                try {
                    return Durations.parse(text);
                } catch (IllegalArgumentException e) {
                    throw ctx.weirdStringException(text, Duration.class, e.getMessage());
                }
            }
        });
    }
}
