/**
 * The one bounded bencode codec (BEP 3) of peerscout: a library below the adapters that depends on
 * the JDK only and knows nothing of torrents, trackers or peers.
 *
 * <h2>Decoding</h2>
 * <pre>{@code
 * BencodeDecoder decoder = new BencodeDecoder(maxDepth, maxContainers, maxBytes);
 * BencodeDocument doc = decoder.decode(bytes);             // the value at the start of bytes
 * BencodeDocument msg = decoder.decode(buf, from, to);     // the bencoded prefix of buf[from, to)
 * int rawStart = msg.end();                                // BEP 9: the piece data follows here
 * BencodeNode root = doc.root();
 * Optional<BencodeNode> info = root.get("info");           // in place, no copy
 * info.get().offset(); info.get().end(); info.get().updateDigest(sha1);   // its raw byte span
 * BValue small = root.toValue();                           // a tree that owns its bytes
 * }</pre>
 * <ul>
 *   <li>{@link dev.peerscout.bencode.BencodeDecoder}: one iterative pass, no recursion; refuses
 *       nesting deeper than {@code maxDepth}, more than {@code maxContainers} lists and
 *       dictionaries, a value longer than {@code maxBytes}, and a string whose length claims more
 *       bytes than remain (nothing is allocated for a claim). Failures are a
 *       {@link dev.peerscout.bencode.BencodeException}: a one-line message naming the byte, and a
 *       {@link dev.peerscout.bencode.BencodeException.Problem} for callers that word their own.</li>
 *   <li>{@link dev.peerscout.bencode.BencodeNode}: a value read in place, with its byte span
 *       ({@code offset()}, {@code end()}, {@code raw()}, {@code updateDigest}); lists and
 *       dictionaries are walked on demand ({@code eachElement()}, {@code getAll(...)}), so a list
 *       of a million file entries is never held as a million objects.
 *       {@link dev.peerscout.bencode.BencodeInput} re-reads a value later from its offset.</li>
 *   <li>Lenient as libtorrent is: unsorted and duplicate keys are accepted and kept in input
 *       order (lookups: the last duplicate wins), as are leading zeros, {@code i-0e} and bytes
 *       after the value ({@code trailingBytes()}). {@link dev.peerscout.bencode.CanonicalBencode}
 *       is the strict check for callers that need canonical form (a v2 info dictionary).</li>
 *   <li>Keys are byte strings ({@code get(String)} for ASCII keys, {@code get(byte[])} for any).
 *       A node's lookup is one pass over its dictionary and callers ask for a fixed set of keys,
 *       so reading stays linear. {@link dev.peerscout.bencode.BValue.BBytes} is comparable, so a
 *       {@link dev.peerscout.bencode.BValue.BDict}'s hash map keeps keys a sender chose to
 *       collide in a tree: no quadratic lookups. Integers are read as {@code long} on demand;
 *       one beyond 64 bits fails then ({@code Problem.INTEGER_BEYOND_64_BITS}).</li>
 * </ul>
 *
 * <h2>Encoding</h2>
 * <pre>{@code
 * BDict message = BDict.builder().put("msg_type", 0).put("piece", 3).build();
 * byte[] bytes = BencodeEncoder.encode(message);           // canonical: keys sorted as unsigned bytes
 * }</pre>
 */
package dev.peerscout.bencode;
