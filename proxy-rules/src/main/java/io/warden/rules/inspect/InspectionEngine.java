package io.warden.rules.inspect;

import io.warden.rules.inspect.extract.Cookies;
import io.warden.rules.inspect.extract.FormPairs;
import io.warden.rules.inspect.extract.JsonWalker;
import io.warden.rules.inspect.extract.MediaType;
import io.warden.rules.inspect.extract.MultipartParts;
import io.warden.rules.inspect.normalize.PercentDecoder;
import io.warden.rules.inspect.normalize.Transport;
import io.warden.rules.inspect.nosql.NoSqlOperatorDetector;
import io.warden.rules.inspect.path.TraversalDetector;
import io.warden.rules.inspect.shell.CommandInjectionDetector;
import io.warden.rules.inspect.sql.SqlInjectionDetector;
import io.warden.rules.inspect.xss.XssDetector;
import io.warden.rules.pipeline.RequestBody;
import io.warden.rules.pipeline.RequestContext;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Finds every place a request carries user data (path, query, user-data headers, cookies, and
 * JSON, form, multipart and text bodies) and inspects each value there. Pure and thread-safe:
 * one instance serves every request.
 */
public final class InspectionEngine {

    static final int MAX_PARAMETERS = 1024;
    static final int MAX_COOKIES = 128;
    static final int MAX_PARTS = 128;
    static final int MAX_JSON_DEPTH = 64;
    static final int MAX_JSON_ELEMENTS = 50_000;
    private static final int MAX_NAME = 48;
    private static final List<String> USER_DATA_HEADERS = List.of("User-Agent", "Referer");

    private final ValueInspector values;
    private final JsonWalker json = new JsonWalker(MAX_JSON_DEPTH, MAX_JSON_ELEMENTS);

    public InspectionEngine(ValueInspector values) {
        this.values = values;
    }

    /** The engine with every built-in detector. */
    public static InspectionEngine standard() {
        return new InspectionEngine(new ValueInspector(detectors()));
    }

    /**
     * The engine with every built-in detector that reads every value every time, never taking one
     * as clean because it was before: what a value costs, for benchmarks.
     */
    public static InspectionEngine withoutMemory() {
        return new InspectionEngine(new ValueInspector(detectors(), false));
    }

    static List<Detector> detectors() {
        return List.of(new SqlInjectionDetector(), new XssDetector(), new TraversalDetector(),
                new CommandInjectionDetector(), new NoSqlOperatorDetector());
    }

    /** Whether bodies of this content type are inspected (and so worth buffering). */
    public static boolean inspectsBody(String contentType) {
        return MediaType.of(contentType) != MediaType.OTHER;
    }

    /** Inspects the request head: path, query, user-data headers and cookies. */
    public InspectionVerdict inspectHead(RequestContext request, InspectionSettings settings) {
        FindingCollector out = new FindingCollector(settings.exclusions(), settings.criticalScore());
        path(request.path(), out);
        String query = request.query();
        if (query != null && !query.isEmpty()) {
            pairs(query, "query:", ValueKind.QUERY_NAME, ValueKind.QUERY_VALUE, out);
        }
        for (String header : USER_DATA_HEADERS) {
            header(request, header, out);
        }
        for (String header : settings.headers()) {
            header(request, header, out);
        }
        for (String cookieHeader : request.headers().getAll("Cookie")) {
            Cookies.forEach(cookieHeader, MAX_COOKIES, (name, value) -> {
                LocationName where = () -> "cookie:" + Excerpts.name(name, MAX_NAME);
                values.inspect(name, ValueKind.QUERY_NAME, Transport.NONE, where, out);
                values.inspect(value, ValueKind.COOKIE, Transport.NONE, where, out);
            });
        }
        return out.verdict();
    }

    /**
     * Inspects a buffered body by its content type. {@code body} may be only the first
     * {@link InspectionSettings#maxBodyBytes()} of a longer body.
     */
    public InspectionVerdict inspectBody(RequestContext request, RequestBody body, InspectionSettings settings) {
        FindingCollector out = new FindingCollector(settings.exclusions(), settings.criticalScore());
        byte[] bytes = body.bytes();
        boolean truncated = request.contentLength() > bytes.length
                || (request.contentLength() < 0 && bytes.length >= settings.maxBodyBytes());
        switch (MediaType.of(body.contentType())) {
            case JSON -> json(bytes, truncated, out);
            case FORM -> pairs(new String(bytes, StandardCharsets.UTF_8), "form:", ValueKind.FORM_NAME,
                    ValueKind.FORM_VALUE, out);
            case MULTIPART -> multipart(bytes, body.contentType(), out);
            case TEXT -> values.inspect(new String(bytes, StandardCharsets.UTF_8), ValueKind.TEXT_BODY,
                    Transport.NONE, () -> "body", out);
            default -> {
            }
        }
        return out.verdict();
    }

    private void path(String rawPath, FindingCollector out) {
        LocationName where = () -> "path";
        values.inspect(rawPath, ValueKind.PATH, Transport.PERCENT, where, out);
        int start = rawPath.startsWith("/") ? 1 : 0;
        while (start < rawPath.length()) {
            int end = rawPath.indexOf('/', start);
            if (end < 0) {
                end = rawPath.length();
            }
            if (end > start && needsSegmentReading(rawPath, start, end)) {
                values.inspect(rawPath.substring(start, end), ValueKind.PATH, Transport.PERCENT, where, out);
            }
            start = end + 1;
        }
    }

    /**
     * A segment is read on its own only when it holds more than a plain name or id: most
     * segments ({@code api}, {@code chat}, a UUID) cannot carry an injection.
     */
    private static boolean needsSegmentReading(String path, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = path.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.';
            if (!plain) {
                return true;
            }
        }
        return false;
    }

    private void pairs(String encoded, String prefix, ValueKind nameKind, ValueKind valueKind, FindingCollector out) {
        FormPairs.forEach(encoded, MAX_PARAMETERS, (name, value) -> {
            LocationName where = () -> prefix + Excerpts.name(PercentDecoder.decode(name, true).text(), MAX_NAME);
            values.inspect(name, nameKind, Transport.FORM, where, out);
            values.inspect(value, valueKind, Transport.FORM, where, out);
        });
    }

    private void header(RequestContext request, String name, FindingCollector out) {
        List<String> all = request.headers().getAll(name);
        for (int i = 0; i < all.size(); i++) {
            values.inspect(all.get(i), ValueKind.HEADER, Transport.NONE, () -> "header:" + name, out);
        }
    }

    private void json(byte[] bytes, boolean truncated, FindingCollector out) {
        JsonWalker.Outcome outcome = json.walk(bytes, truncated, new JsonWalker.Visitor() {
            @Override
            public void key(String name, io.warden.rules.inspect.extract.JsonPath path) {
                values.inspect(name, ValueKind.JSON_KEY, Transport.NONE, () -> "json:" + path.describe(), out);
            }

            @Override
            public void string(String value, io.warden.rules.inspect.extract.JsonPath path) {
                values.inspect(value, ValueKind.JSON_VALUE, Transport.NONE, () -> "json:" + path.describe(), out);
            }
        });
        if (outcome == JsonWalker.Outcome.MALFORMED) {
            out.bodyProblem(InspectionVerdict.BodyProblem.MALFORMED_JSON);
        } else if (outcome == JsonWalker.Outcome.TOO_COMPLEX) {
            out.bodyProblem(InspectionVerdict.BodyProblem.TOO_COMPLEX);
        }
    }

    private void multipart(byte[] bytes, String contentType, FindingCollector out) {
        MultipartParts.forEach(bytes, MediaType.parameter(contentType, "boundary"), MAX_PARTS, (name, fileName, text) -> {
            LocationName where = () -> "multipart:" + Excerpts.name(name, MAX_NAME);
            values.inspect(name, ValueKind.FORM_NAME, Transport.NONE, where, out);
            if (fileName != null) {
                values.inspect(fileName, ValueKind.MULTIPART_VALUE, Transport.NONE, where, out);
            }
            if (text != null) {
                values.inspect(text, ValueKind.MULTIPART_VALUE, Transport.NONE, where, out);
            }
        });
    }
}
