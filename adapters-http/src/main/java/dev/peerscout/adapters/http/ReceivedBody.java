package dev.peerscout.adapters.http;

/**
 * What arrived of a response body.
 *
 * @param bytes      at most the configured limit
 * @param overflowed the server sent more than the limit; we stopped reading
 */
record ReceivedBody(byte[] bytes, boolean overflowed) {}
