package dev.peerscout.domain.model;

/** What people are told about an exception: its own words, never a Java class name. */
public final class Problems {
    private Problems() {}

    /**
     * The message of the innermost cause that has one (wrappers such as CompletionException put
     * class names into their own), or {@code fallback} when none says anything.
     */
    public static String describe(Throwable error, String fallback) {
        String words = null;
        int depth = 0;
        for (Throwable cause = error; cause != null && depth < 32; cause = cause.getCause(), depth++) {
            String message = cause.getMessage();
            if (message != null && !message.isBlank() && !message.equals(String.valueOf(cause.getCause()))) {
                words = message;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return words == null ? fallback : words;
    }
}
