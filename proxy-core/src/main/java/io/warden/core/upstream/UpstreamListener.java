package io.warden.core.upstream;

/**
 * Receives what happens on an upstream connection while it serves one exchange. Called on the
 * event loop both the client and the upstream channel share.
 */
public interface UpstreamListener {

    /** A decoded response part, or raw bytes once the connection switched protocols; the listener owns it. */
    void onUpstreamMessage(UpstreamConnection connection, Object message);

    void onUpstreamReadComplete(UpstreamConnection connection);

    void onUpstreamWritable(UpstreamConnection connection);

    /** The connection closed or failed while serving this listener; {@code cause} may be null. */
    void onUpstreamClosed(UpstreamConnection connection, Throwable cause);
}
