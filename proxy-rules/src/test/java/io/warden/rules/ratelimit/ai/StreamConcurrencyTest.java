package io.warden.rules.ratelimit.ai;

import io.warden.rules.config.LimitMode;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.net.CidrSet;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.ratelimit.ClientKeys;
import io.warden.rules.ratelimit.ManualClock;
import io.warden.rules.ratelimit.Requests;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StreamConcurrencyTest {

    private final StreamConcurrency streams = new StreamConcurrency(2, 3, LimitMode.ENFORCE, new ClientKeys(64),
            CidrSet.empty(), new EventFactory(new ManualClock()));

    @Test
    void aUserMayHoldOnlyItsCapOfStreams() {
        Admission first = streams.acquire(Requests.from("198.51.100.1").user("alice").build());
        Admission second = streams.acquire(Requests.from("198.51.100.2").user("alice").build());
        Admission third = streams.acquire(Requests.from("198.51.100.3").user("alice").build());
        assertThat(first.granted()).isTrue();
        assertThat(second.granted()).isTrue();
        assertThat(third.granted()).as("a third generation for alice, from anywhere").isFalse();
        Decision.Reject r = (Decision.Reject) third.decision();
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.headers()).containsKey("Retry-After");
        assertThat(r.events().get(0).type()).isEqualTo(EventType.RATE_LIMIT_VIOLATION);
        assertThat(r.events().get(0).details()).containsEntry("tier", "streams").containsEntry("key", "user:alice");
        assertThat(streams.count("198.51.100.3")).as("a refused user stream does not hold an address slot").isZero();

        first.lease().release();
        assertThat(streams.acquire(Requests.from("198.51.100.3").user("alice").build()).granted()).isTrue();
    }

    @Test
    void anAddressMayHoldOnlyItsCapOfStreams() {
        List<Admission> open = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            open.add(streams.acquire(Requests.from("2001:db8::" + (i + 1)).build()));
        }
        assertThat(open).allMatch(Admission::granted);
        assertThat(streams.acquire(Requests.from("2001:db8::99").build()).granted())
                .as("the fourth stream from one /64").isFalse();
    }

    @Test
    void releasingTwiceIsHarmless() {
        Lease lease = streams.acquire(Requests.from("198.51.100.1").user("alice").build()).lease();
        Admission other = streams.acquire(Requests.from("198.51.100.1").user("alice").build());
        lease.release();
        lease.release();
        lease.close();
        assertThat(lease.released()).isTrue();
        assertThat(streams.count("user:alice")).as("only one stream was ended").isEqualTo(1);
        assertThat(streams.count("198.51.100.1")).isEqualTo(1);
        other.lease().close();
        assertThat(streams.count("user:alice")).isZero();
    }

    @Test
    void detectModeGrantsAndReports() {
        StreamConcurrency detect = new StreamConcurrency(1, 10, LimitMode.DETECT, new ClientKeys(64), CidrSet.empty(),
                new EventFactory(new ManualClock()));
        detect.acquire(Requests.from("198.51.100.1").user("alice").build());
        Admission over = detect.acquire(Requests.from("198.51.100.1").user("alice").build());
        assertThat(over.granted()).isTrue();
        assertThat(over.decision()).isInstanceOf(Decision.Proceed.class);
        assertThat(over.decision().events()).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("mode", "detect").containsEntry("open", 2));
        over.lease().release();
        assertThat(detect.count("user:alice")).isEqualTo(1);
    }

    @Test
    void longLivedRequestsAreRecognised() {
        assertThat(StreamConcurrency.isLongLived(Requests.from("198.51.100.1")
                .headers("Upgrade", "websocket", "Connection", "Upgrade").build())).isTrue();
        assertThat(StreamConcurrency.isLongLived(Requests.from("198.51.100.1")
                .headers("Accept", "text/event-stream").build())).isTrue();
        assertThat(StreamConcurrency.isLongLived(Requests.from("198.51.100.1").build())).isFalse();
    }
}
