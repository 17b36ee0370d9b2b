package io.warden.rules.websocket;

import io.warden.rules.pipeline.HeaderView;
import io.warden.rules.pipeline.RequestContext;

import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** How a request asks to open a WebSocket, and what makes the asking valid (RFC 6455 4.2.1). */
public final class Handshakes {

    public static final String UPGRADE = "Upgrade";
    public static final String KEY = "Sec-WebSocket-Key";
    public static final String VERSION = "Sec-WebSocket-Version";
    public static final String EXTENSIONS = "Sec-WebSocket-Extensions";
    public static final String ORIGIN = "Origin";
    /** The only version there is; a client offering another is told this one (426). */
    public static final String SUPPORTED_VERSION = "13";

    private Handshakes() {
    }

    /** Whether the request asks to switch to WebSocket at all, validly or not. */
    public static boolean isAttempt(RequestContext request) {
        return hasToken(request.headers(), UPGRADE, "websocket");
    }

    /**
     * What is wrong with a WebSocket attempt apart from its version, or null when it is well formed:
     * a GET, {@code Connection: upgrade}, and one key that is 16 bytes in base64.
     */
    public static String malformation(RequestContext request) {
        if (!"GET".equals(request.method())) {
            return "not a GET";
        }
        if (!hasToken(request.headers(), "Connection", "upgrade")) {
            return "Connection does not include upgrade";
        }
        List<String> keys = request.headers().getAll(KEY);
        if (keys.size() != 1) {
            return keys.isEmpty() ? "no Sec-WebSocket-Key" : "more than one Sec-WebSocket-Key";
        }
        if (!validKey(keys.get(0).trim())) {
            return "Sec-WebSocket-Key is not 16 bytes in base64";
        }
        return null;
    }

    /** Whether the client speaks version 13, in exactly one header. */
    public static boolean supportedVersion(RequestContext request) {
        List<String> versions = request.headers().getAll(VERSION);
        return versions.size() == 1 && SUPPORTED_VERSION.equals(versions.get(0).trim());
    }

    static boolean validKey(String key) {
        if (key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** Whether any of the header's comma-separated values is {@code token}, ignoring case. */
    static boolean hasToken(HeaderView headers, String name, String token) {
        for (String value : headers.getAll(name)) {
            for (String part : value.split(",")) {
                if (part.trim().toLowerCase(Locale.ROOT).equals(token)) {
                    return true;
                }
            }
        }
        return false;
    }
}
