package dev.peerscout.cli;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Loads the JDK's security providers on a thread of their own while the command line is parsed. The
 * first {@code MessageDigest.getInstance} of a fresh JVM reads the {@code java.security} file and builds
 * the SUN provider's table of services: ~12 ms of a ~110 ms {@code info}, none of it in a start-up
 * cache. Every command needs them soon (a .torrent's info hash, a v2 torrent's SHA-256, TLS to an
 * https tracker); on a second core they are ready by then. A named class, not a lambda: no method
 * handles spun at start-up.
 */
final class SecurityProviders implements Runnable {
    private SecurityProviders() {}

    static void loadInBackground() {
        Thread loader = new Thread(new SecurityProviders(), "peerscout-security-providers");
        loader.setDaemon(true);
        loader.start();
    }

    @Override
    public void run() {
        try {
            MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            // Then the command says so where it hashes; nothing to prepare here.
        }
    }
}
