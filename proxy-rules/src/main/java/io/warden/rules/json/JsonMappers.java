package io.warden.rules.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.warden.rules.config.ConfigModule;

/** The one JSON setup used for events, the admin API and printed config: ISO-8601 times, our durations. */
public final class JsonMappers {

    private JsonMappers() {
    }

    public static ObjectMapper standard() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new ConfigModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }
}
