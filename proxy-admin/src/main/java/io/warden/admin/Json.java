package io.warden.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Writes an endpoint's answer as JSON; our own records always serialise. */
final class Json {

    private final ObjectMapper mapper;

    Json(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    AdminResponse ok(Object body) {
        return respond(200, body);
    }

    AdminResponse respond(int status, Object body) {
        try {
            return AdminResponse.json(status, mapper.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("admin answer is not serialisable", e);
        }
    }

    ObjectMapper mapper() {
        return mapper;
    }
}
