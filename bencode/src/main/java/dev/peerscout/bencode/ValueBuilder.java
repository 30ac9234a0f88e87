package dev.peerscout.bencode;

import dev.peerscout.bencode.BValue.BBytes;
import dev.peerscout.bencode.BValue.BDict;
import dev.peerscout.bencode.BValue.BInt;
import dev.peerscout.bencode.BValue.BList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a decoded value into a {@link BValue} tree with an explicit stack, so depth costs no thread stack. */
final class ValueBuilder {
    private ValueBuilder() {}

    static BValue build(BencodeNode root) {
        if (!root.isList() && !root.isDictionary()) {
            return scalar(root);
        }
        Deque<Open> open = new ArrayDeque<>();
        open.push(new Open(root));
        while (true) {
            Open top = open.peek();
            BValue done;
            if (top.children.hasNext()) {
                BencodeNode child = top.children.next();
                if (child.isList() || child.isDictionary()) {
                    open.push(new Open(child));
                    continue;
                }
                done = scalar(child);
            } else {
                open.pop();
                done = top.close();
                if (open.isEmpty()) {
                    return done;
                }
            }
            open.peek().add(done);
        }
    }

    private static BValue scalar(BencodeNode node) {
        return node.isInteger() ? new BInt(node.longValue()) : node.toBytes();
    }

    /** A list or dictionary being filled; a dictionary alternates between a key and its value. */
    private static final class Open {
        final Iterator<BencodeNode> children;
        final List<BValue> list;
        final Map<BBytes, BValue> dict;
        BBytes pendingKey;

        Open(BencodeNode node) {
            children = node.children();
            list = node.isList() ? new ArrayList<>() : null;
            dict = node.isList() ? null : new LinkedHashMap<>();
        }

        void add(BValue value) {
            if (list != null) {
                list.add(value);
            } else if (pendingKey == null) {
                pendingKey = (BBytes) value;
            } else {
                dict.put(pendingKey, value);
                pendingKey = null;
            }
        }

        BValue close() {
            return list != null ? new BList(list) : new BDict(dict);
        }
    }
}
