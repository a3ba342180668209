package dev.bullpen.testing;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Passwords for the private servers and inputs of one test run: made fresh, never written in the code. */
public final class TestSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestSecrets() {
    }

    /** {@code label-} and 16 random hex digits, e.g. {@code sentinel-3f9a…}. */
    public static String password(String label) {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return label + "-" + HexFormat.of().formatHex(b);
    }
}
