package dev.peerscout.adapters.dht.krpc;

import java.util.Objects;

/** A decoded KRPC message (BEP 5): a response, an error, or a query someone sent us. */
public sealed interface Message permits Message.Response, Message.ErrorReply, Message.Request {

    TransactionId transaction();

    /** {@code y = r}. */
    record Response(TransactionId transaction, Answer answer) implements Message {
        public Response {
            Objects.requireNonNull(transaction, "transaction");
            Objects.requireNonNull(answer, "answer");
        }
    }

    /** {@code y = e}: 201 generic, 202 server, 203 protocol, 204 method unknown. */
    record ErrorReply(TransactionId transaction, long code, String text) implements Message {
        public ErrorReply {
            Objects.requireNonNull(transaction, "transaction");
            Objects.requireNonNull(text, "text");
        }
    }

    /** {@code y = q}: a node asking us something. We are read-only (BEP 43) and do not answer. */
    record Request(TransactionId transaction, String method) implements Message {
        public Request {
            Objects.requireNonNull(transaction, "transaction");
            Objects.requireNonNull(method, "method");
        }
    }
}
