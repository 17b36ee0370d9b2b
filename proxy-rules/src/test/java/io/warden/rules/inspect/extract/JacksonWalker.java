package io.warden.rules.inspect.extract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.IOException;

/**
 * The walker inspection used before {@link JsonWalker}: Jackson's streaming parser. Kept as the
 * reference {@link JsonWalkerProperties} compares the hand-written walker with.
 */
final class JacksonWalker {

    private final JsonFactory factory;
    private final int maxDepth;
    private final int maxElements;

    JacksonWalker(int maxDepth, int maxElements) {
        this.maxDepth = maxDepth;
        this.maxElements = maxElements;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth + 1)
                        .build())
                .build();
    }

    /**
     * Walks {@code body}.
     *
     * @param truncated whether {@code body} is only the first part of a longer body: a parse error
     *                  is then the cut, not a malformed document
     */
    JsonWalker.Outcome walk(byte[] body, boolean truncated, JsonWalker.Visitor visitor) {
        JsonPath path = new JsonPath();
        int elements = 0;
        try (JsonParser parser = factory.createParser(body)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (++elements > maxElements) {
                    return JsonWalker.Outcome.TOO_COMPLEX;
                }
                switch (token) {
                    case START_OBJECT -> {
                        path.nextElement();
                        path.pushObject();
                    }
                    case START_ARRAY -> {
                        path.nextElement();
                        path.pushArray();
                    }
                    case END_OBJECT, END_ARRAY -> path.pop();
                    case FIELD_NAME -> {
                        String name = parser.currentName();
                        path.key(name);
                        visitor.key(name, path);
                    }
                    case VALUE_STRING -> {
                        path.nextElement();
                        visitor.string(parser.getText(), path);
                    }
                    default -> path.nextElement();
                }
                if (path.depth() > maxDepth) {
                    return JsonWalker.Outcome.TOO_COMPLEX;
                }
            }
            return JsonWalker.Outcome.COMPLETE;
        } catch (StreamConstraintsException e) {
            return JsonWalker.Outcome.TOO_COMPLEX;
        } catch (IOException | RuntimeException e) {
            return truncated ? JsonWalker.Outcome.COMPLETE : JsonWalker.Outcome.MALFORMED;
        }
    }
}
