package dev.peerscout.adapters.udp.transport;

/**
 * A tracker's answer and the datagrams it took: connects, requests and retransmissions of both that
 * were handed to the operating system.
 */
public record Answered<R>(R reply, int attempts) {}
