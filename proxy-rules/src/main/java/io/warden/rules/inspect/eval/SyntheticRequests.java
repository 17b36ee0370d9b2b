package io.warden.rules.inspect.eval;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.warden.rules.net.ClientAddress;
import io.warden.rules.pipeline.RequestBody;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.route.RoutePolicy;

import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * Builds the requests a browser or the chat front end would send with a value in it, so an
 * evaluation goes through the same extraction (query parsing, JSON walking, form decoding) as
 * live traffic.
 */
public final class SyntheticRequests {

    private static final String USER_AGENT =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";
    private static final RoutePolicy ROUTE = RoutePolicy.basic("default", 10L * 1024 * 1024);
    private static final ClientAddress CLIENT = loopback();

    private SyntheticRequests() {
    }

    /** A request and its body (null for none). */
    public record Request(RequestContext context, RequestBody body) {
    }

    public static Request of(Placement placement, String value, int sequence) {
        return switch (placement) {
            case QUERY -> new Request(context("GET", "/search?q=" + encode(value) + "&page=1", -1, null, sequence), null);
            case JSON -> {
                String json = "{\"conversation_id\":\"c-" + sequence + "\",\"message\":\""
                        + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\",\"stream\":true}";
                yield body("/api/chat", "application/json", json, sequence);
            }
            case FORM -> body("/contact", "application/x-www-form-urlencoded",
                    "name=Jane+Doe&email=jane%40example.com&message=" + encode(value), sequence);
        };
    }

    private static Request body(String path, String contentType, String text, int sequence) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new Request(context("POST", path, bytes.length, contentType, sequence), new RequestBody(contentType, bytes));
    }

    private static RequestContext context(String method, String target, long length, String contentType, int sequence) {
        ListHeaders headers = new ListHeaders()
                .add("Host", "chat.example.com")
                .add("User-Agent", USER_AGENT)
                .add("Accept", "*/*")
                .add("Referer", "https://chat.example.com/")
                .add("Cookie", "session=9f8e7d6c5b4a; theme=dark");
        if (contentType != null) {
            headers.add("Content-Type", contentType);
        }
        return RequestContext.builder()
                .requestId("eval-" + sequence)
                .client(CLIENT)
                .method(method)
                .target(target)
                .headers(headers)
                .route(ROUTE)
                .contentLength(length)
                .build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static ClientAddress loopback() {
        try {
            return ClientAddress.of(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a literal IPv4 address always converts", e);
        }
    }
}
