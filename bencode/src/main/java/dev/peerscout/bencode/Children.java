package dev.peerscout.bencode;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Walks the children of a list or dictionary in order (a dictionary's keys and values alternate),
 * keeping track of each child container's ordinal; a node is made only for a child asked for.
 */
final class Children {
    private final BencodeDocument document;
    private int at;
    private int nextOrdinal;

    Children(BencodeNode container) {
        this.document = container.document();
        this.at = container.offset() + 1;
        this.nextOrdinal = container.ordinal() + 1;
    }

    /** Where the next child starts. */
    int position() {
        return at;
    }

    boolean hasNext() {
        return document.input[at] != 'e';
    }

    /** The next child, as a node; moves past it. */
    BencodeNode next() {
        BencodeNode child = peek();
        advance(child.ordinal());
        return child;
    }

    /** The next child, as a node, without moving. */
    BencodeNode peek() {
        return BencodeNode.at(document, at, document.isContainer(at) ? nextOrdinal : BencodeNode.SCALAR);
    }

    /** Moves past the next child without making a node for it. */
    void skip() {
        advance(document.isContainer(at) ? nextOrdinal : BencodeNode.SCALAR);
    }

    private void advance(int childOrdinal) {
        if (childOrdinal != BencodeNode.SCALAR) {
            nextOrdinal = document.nextOrdinal(childOrdinal);
        }
        at = document.endOf(at, childOrdinal);
    }

    /**
     * Walks a dictionary to its end: the value of the last key that is {@code ascii} or {@code raw}
     * (one of them is the key), or null. No lambda, so the torrent reader's lookups stay cheap.
     */
    BencodeNode lastValueFor(String ascii, byte[] raw) {
        BencodeNode found = null;
        while (hasNext()) {
            boolean match = ascii != null ? document.stringEquals(at, ascii) : document.stringEquals(at, raw);
            skip();
            if (match) {
                found = peek();
            }
            skip();
        }
        return found;
    }

    /** Walks a dictionary to its end: the values of several ASCII keys (null where missing), in the order asked. */
    BencodeNode[] lastValuesFor(String... keys) {
        BencodeNode[] found = new BencodeNode[keys.length];
        while (hasNext()) {
            int length = document.stringLength(at);
            int start = document.stringContentStart(at);
            at = start + length; // past the key, a string: no need to read its header again
            for (int i = 0; i < keys.length; i++) {
                if (document.stringEquals(start, length, keys[i])) {
                    found[i] = peek();
                }
            }
            skip();
        }
        return found;
    }

    /** The rest of the children as an iterator. */
    Iterator<BencodeNode> asIterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return Children.this.hasNext();
            }

            @Override
            public BencodeNode next() {
                if (!Children.this.hasNext()) {
                    throw new NoSuchElementException();
                }
                return Children.this.next();
            }
        };
    }
}
