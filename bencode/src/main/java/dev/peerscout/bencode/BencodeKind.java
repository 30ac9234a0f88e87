package dev.peerscout.bencode;

/** The four bencode types. */
public enum BencodeKind {
    INTEGER("an integer"),
    STRING("a string"),
    LIST("a list"),
    DICTIONARY("a dictionary");

    private final String withArticle;

    BencodeKind(String withArticle) {
        this.withArticle = withArticle;
    }

    /** "an integer", "a list", ...: for messages such as "'name' is an integer, not a string". */
    public String withArticle() {
        return withArticle;
    }
}
