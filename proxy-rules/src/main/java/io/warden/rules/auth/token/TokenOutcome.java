package io.warden.rules.auth.token;

import io.warden.rules.events.SecurityEvent;

import java.util.List;
import java.util.Objects;

/**
 * What a token endpoint answers. Every outcome carries the events to emit. Core maps
 * {@link Issued} to 200 with the JSON of {@link TokenResponse}, {@link LoggedOut} to 204, and
 * {@link Refused} to the contract error body with its status and short reason.
 */
public sealed interface TokenOutcome permits TokenOutcome.Issued, TokenOutcome.LoggedOut, TokenOutcome.Refused {

    List<SecurityEvent> events();

    record Issued(TokenResponse response, List<SecurityEvent> events) implements TokenOutcome {
        public Issued {
            Objects.requireNonNull(response, "response");
            events = List.copyOf(events);
        }
    }

    record LoggedOut(List<SecurityEvent> events) implements TokenOutcome {
        public LoggedOut {
            events = List.copyOf(events);
        }
    }

    record Refused(int status, String reason, List<SecurityEvent> events) implements TokenOutcome {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            events = List.copyOf(events);
        }
    }
}
