package io.warden.rules.inspect.extract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.IOException;

/**
 * Walks a JSON body with Jackson's streaming parser and hands every key and string value to a
 * visitor, with the path it sits at. Depth and element count are capped; a body that does not
 * parse is reported, never thrown.
 */
public final class JsonWalker {

    /** How a walk ended. */
    public enum Outcome { COMPLETE, MALFORMED, TOO_COMPLEX }

    /** Receives what the walk finds; the path is only valid during the call. */
    public interface Visitor {
        void key(String name, JsonPath path);

        void string(String value, JsonPath path);
    }

    private final JsonFactory factory;
    private final int maxDepth;
    private final int maxElements;

    public JsonWalker(int maxDepth, int maxElements) {
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
    public Outcome walk(byte[] body, boolean truncated, Visitor visitor) {
        JsonPath path = new JsonPath();
        int elements = 0;
        try (JsonParser parser = factory.createParser(body)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (++elements > maxElements) {
                    return Outcome.TOO_COMPLEX;
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
                    return Outcome.TOO_COMPLEX;
                }
            }
            return Outcome.COMPLETE;
        } catch (StreamConstraintsException e) {
            return Outcome.TOO_COMPLEX;
        } catch (IOException | RuntimeException e) {
            return truncated ? Outcome.COMPLETE : Outcome.MALFORMED;
        }
    }
}
