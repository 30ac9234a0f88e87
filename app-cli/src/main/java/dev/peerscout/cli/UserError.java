package dev.peerscout.cli;

/** Bad input the user can fix: reported as one line on stderr with exit code 2, never a stack trace. */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message, null, false, false);
    }
}
