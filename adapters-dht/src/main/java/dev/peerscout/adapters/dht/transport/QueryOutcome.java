package dev.peerscout.adapters.dht.transport;

import dev.peerscout.adapters.dht.krpc.Answer;
import java.util.Objects;

/** How a query we sent ended. */
public sealed interface QueryOutcome permits QueryOutcome.Answered, QueryOutcome.Refused, QueryOutcome.NoReply {

    /** The node we asked answered ({@code y = r}). */
    record Answered(Answer answer) implements QueryOutcome {
        public Answered {
            Objects.requireNonNull(answer, "answer");
        }
    }

    /** The node we asked sent a KRPC error ({@code y = e}). */
    record Refused(long code, String text) implements QueryOutcome {
        public Refused {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Nothing usable came back in time (or the transport closed). */
    record NoReply(String why) implements QueryOutcome {
        public NoReply {
            Objects.requireNonNull(why, "why");
        }
    }
}
