package io.warden.core.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.warden.core.testing.RawWebSocket;
import io.warden.rules.auth.AuthPolicy;
import io.warden.rules.config.AuthConfig;
import io.warden.rules.config.MalformedAction;
import io.warden.rules.config.WebSocketConfig;
import io.warden.rules.inspect.InspectionSettings;
import io.warden.rules.net.ClientAddress;
import io.warden.rules.net.IpAddresses;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.ratelimit.Fixture;
import io.warden.rules.ratelimit.TestHeaders;
import io.warden.rules.route.RoutePolicy;
import io.warden.rules.websocket.JsonMessageInspector;
import io.warden.rules.websocket.WebSocketLimits;
import io.warden.rules.websocket.WebSocketPolicy;
import io.warden.rules.websocket.WebSocketSession;
import io.warden.rules.websocket.WebSocketSessions;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frame guard's parser against a model: any conversation of valid client frames, cut into
 * reads at random places, comes out as the very bytes that went in (only a ping sent inside a
 * fragmented text message moves ahead of it, since the message is held until complete); and no
 * byte sequence whatever makes the guard throw or leak.
 */
class FrameGuardPropertyTest {

    /** One client frame of the model. */
    record Frame(boolean fin, int opcode, byte[] payload) {
        byte[] bytes() {
            return RawWebSocket.encode(fin, 0, opcode, true, payload);
        }

        /** As the upstream sends it: unmasked. */
        byte[] serverBytes() {
            return RawWebSocket.encode(fin, 0, opcode, false, payload);
        }
    }

    @Property(tries = 300)
    void validFramesPassUntouchedHoweverTheyAreCutIntoReads(@ForAll("conversations") List<List<Frame>> messages,
                                                           @ForAll("cuts") List<Integer> cuts) {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (List<Frame> message : messages) {
            boolean heldText = message.get(0).opcode() == RawWebSocket.TEXT;
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            for (Frame frame : message) {
                byte[] bytes = frame.bytes();
                sent.writeBytes(bytes);
                boolean control = frame.opcode() >= RawWebSocket.CLOSE;
                (control && heldText ? expected : data).writeBytes(bytes);
            }
            expected.writeBytes(data.toByteArray());
        }
        Harness h = new Harness();
        byte[] all = sent.toByteArray();
        int at = 0;
        for (int i = 0; at < all.length; i++) {
            int n = Math.min(all.length - at, cuts.isEmpty() ? all.length : cuts.get(i % cuts.size()));
            h.client.writeInbound(Unpooled.wrappedBuffer(all, at, n));
            at += n;
        }
        assertThat(h.relayed()).as("the guard relays the client's own bytes").isEqualTo(expected.toByteArray());
        assertThat(h.upstream.outboundMessages()).as("nothing of Warden's own: no close").isEmpty();
        h.finish();
    }

    @Property(tries = 300)
    void theUpstreamsValidFramesPassUntouchedInOrder(@ForAll("conversations") List<List<Frame>> messages,
                                                    @ForAll("cuts") List<Integer> cuts) {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        messages.forEach(message -> message.forEach(frame -> sent.writeBytes(frame.serverBytes())));
        Harness h = new Harness();
        byte[] all = sent.toByteArray();
        int at = 0;
        for (int i = 0; at < all.length; i++) {
            int n = Math.min(all.length - at, cuts.isEmpty() ? all.length : cuts.get(i % cuts.size()));
            h.upstream.writeInbound(Unpooled.wrappedBuffer(all, at, n));
            at += n;
        }
        assertThat(h.relayedFromUpstream()).as("frame by frame, nothing held, nothing reordered").isEqualTo(all);
        h.finish();
    }

    @Property(tries = 500)
    void noInputMakesTheGuardThrowOrLeak(@ForAll("noise") byte[] bytes, @ForAll("cuts") List<Integer> cuts) {
        Harness h = new Harness();
        int at = 0;
        for (int i = 0; at < bytes.length && h.client.isOpen(); i++) {
            int n = Math.min(bytes.length - at, cuts.isEmpty() ? bytes.length : cuts.get(i % cuts.size()));
            h.client.writeInbound(Unpooled.wrappedBuffer(bytes, at, n));
            at += n;
        }
        h.client.checkException();
        h.relayed();
        h.finish();
    }

    @Provide
    Arbitrary<List<List<Frame>>> conversations() {
        return Arbitraries.oneOf(textMessage(), binaryMessage()).list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(1, 300).list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<byte[]> noise() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
        Arbitrary<byte[]> framed = Combinators.combine(Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(0, 255), Arbitraries.bytes().array(byte[].class).ofMaxSize(300))
                .as((b0, b1, rest) -> {
                    byte[] out = new byte[rest.length + 2];
                    out[0] = (byte) (int) b0;
                    out[1] = (byte) (int) b1;
                    System.arraycopy(rest, 0, out, 2, rest.length);
                    return out;
                });
        return Arbitraries.oneOf(random, framed);
    }

    /** A text message as UTF-8 cut at any byte (characters may straddle fragments), pings in between. */
    private Arbitrary<List<Frame>> textMessage() {
        return Combinators.combine(Arbitraries.strings().ofMaxLength(300), pieces(), Arbitraries.integers()
                .between(0, 2)).as((text, pieceCount, pings) -> split(RawWebSocket.TEXT,
                text.getBytes(StandardCharsets.UTF_8), pieceCount, pings));
    }

    private Arbitrary<List<Frame>> binaryMessage() {
        // the length forms change at 126 and 65536 bytes: those sizes come up often, not by luck
        Arbitrary<byte[]> payload = Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                Arbitraries.of(125, 126, 127, 65_535, 65_536, 70_000).map(byte[]::new));
        return Combinators.combine(payload, pieces(), Arbitraries.integers().between(0, 2))
                .as((bytes, pieceCount, pings) -> split(RawWebSocket.BINARY, bytes, pieceCount, pings));
    }

    private static Arbitrary<Integer> pieces() {
        return Arbitraries.integers().between(1, 4);
    }

    private static List<Frame> split(int opcode, byte[] payload, int pieces, int pings) {
        List<Frame> frames = new ArrayList<>();
        int size = Math.max(1, (payload.length + pieces - 1) / pieces);
        int at = 0;
        do {
            int n = Math.min(size, payload.length - at);
            byte[] piece = Arrays.copyOfRange(payload, at, at + n);
            at += n;
            frames.add(new Frame(at >= payload.length, frames.isEmpty() ? opcode : RawWebSocket.CONTINUATION, piece));
            if (at < payload.length && pings > 0) {
                frames.add(new Frame(true, RawWebSocket.PING, new byte[] {(byte) pings--}));
            }
        } while (at < payload.length);
        return frames;
    }

    /** A client guard in an embedded pipeline, over a real session with roomy limits. */
    private static final class Harness {
        final EmbeddedChannel client = new EmbeddedChannel();
        final EmbeddedChannel upstream = new EmbeddedChannel();

        Harness() {
            Fixture f = new Fixture();
            WebSocketConfig d = WebSocketConfig.defaults();
            WebSocketPolicy roomy = WebSocketPolicy.of(new WebSocketConfig(10, 1_000_000, null, null, 3, 1 << 20,
                    1 << 22, 1000, 1 << 20, MalformedAction.CLOSE, List.of(), d.pingInterval(), d.idleTimeout(),
                    Duration.ofHours(1)));
            RequestContext handshake = RequestContext.builder()
                    .requestId("prop")
                    .client(ClientAddress.of(IpAddresses.parse("203.0.113.7").orElseThrow()))
                    .method("GET").target("/ws").headers(TestHeaders.of())
                    .route(new RoutePolicy("ws", 0, Set.of(), List.of(), 0, AuthPolicy.from(AuthConfig.defaults()),
                            null, null, null, roomy, InspectionSettings.defaults()))
                    .build();
            WebSocketLimits limits = new WebSocketLimits(f.limits.escalation(), f.limits.keys(), f.limits.allowList(),
                    100, f.clock);
            WebSocketSession session = new WebSocketSessions(limits, new JsonMessageInspector(f.events), f.events,
                    f.emitted::add, f.clock).open(handshake);
            WebSocketRelay relay = new WebSocketRelay(client, upstream, session);
            ClientFrameGuard clientGuard = new ClientFrameGuard(relay, session);
            UpstreamFrameGuard upstreamGuard = new UpstreamFrameGuard(relay, 1 << 20);
            client.pipeline().addLast(clientGuard);
            upstream.pipeline().addLast(upstreamGuard);
            relay.start(clientGuard, upstreamGuard);
        }

        /** Everything the client guard let through, in order; each buffer released. */
        byte[] relayed() {
            return drain(client);
        }

        byte[] relayedFromUpstream() {
            return drain(upstream);
        }

        private static byte[] drain(EmbeddedChannel channel) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuf buf;
            while ((buf = channel.readInbound()) != null) {
                byte[] bytes = new byte[buf.readableBytes()];
                buf.readBytes(bytes);
                buf.release();
                out.writeBytes(bytes);
            }
            return out.toByteArray();
        }

        void finish() {
            client.finishAndReleaseAll();
            upstream.finishAndReleaseAll();
        }
    }
}
