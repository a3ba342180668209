package dev.bullpen.queue;

import java.nio.file.Path;
import java.util.Map;

/**
 * TLS settings for {@code rediss://} endpoints. Every field is optional: without a CA the JDK's
 * trust store is used; without a client certificate none is sent.
 *
 * @param caFile         the CA that signed the server's certificate: a PEM file (one or more
 *                       certificates) or a PKCS12/JKS trust store ({@code .p12}, {@code .pfx}, {@code .jks})
 * @param caPassword     password of a CA trust store (PEM needs none)
 * @param certFile       client certificate chain, PEM
 * @param keyFile        client private key, unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY})
 * @param keystoreFile   client certificate and key as a PKCS12 key store, instead of cert + key
 * @param keystorePassword password of that key store
 * @param verifyHostname whether the server's certificate must name the host we connect to (on by
 *                       default; turn it off only for certificates without the name, e.g. IP-only)
 */
public record TlsOptions(Path caFile, String caPassword, Path certFile, Path keyFile, Path keystoreFile,
        String keystorePassword, boolean verifyHostname) {
    public static final TlsOptions DEFAULTS = new TlsOptions(null, null, null, null, null, null, true);

    public TlsOptions {
        if ((certFile == null) != (keyFile == null)) {
            throw new InvalidInputException("a client certificate needs both --redis-cert and --redis-key");
        }
        if (certFile != null && keystoreFile != null) {
            throw new InvalidInputException("give either --redis-cert/--redis-key or --redis-keystore, not both");
        }
    }

    /** True when anything differs from the JDK defaults. */
    public boolean custom() {
        return caFile != null || certFile != null || keystoreFile != null || !verifyHostname;
    }

    /**
     * Options given on the command line win; else {@code REDIS_CA}, {@code REDIS_CA_PASSWORD},
     * {@code REDIS_CERT}, {@code REDIS_KEY}, {@code REDIS_KEYSTORE}, {@code REDIS_KEYSTORE_PASSWORD},
     * {@code REDIS_TLS_SKIP_HOSTNAME_CHECK=true}.
     */
    public static TlsOptions resolve(Path ca, Path cert, Path key, Path keystore, boolean skipHostnameCheck,
            Map<String, String> env) {
        return new TlsOptions(
                ca != null ? ca : path(env.get("REDIS_CA")),
                blankToNull(env.get("REDIS_CA_PASSWORD")),
                cert != null ? cert : path(env.get("REDIS_CERT")),
                key != null ? key : path(env.get("REDIS_KEY")),
                keystore != null ? keystore : path(env.get("REDIS_KEYSTORE")),
                blankToNull(env.get("REDIS_KEYSTORE_PASSWORD")),
                !(skipHostnameCheck || "true".equalsIgnoreCase(env.getOrDefault("REDIS_TLS_SKIP_HOSTNAME_CHECK", ""))));
    }

    private static Path path(String s) {
        return s == null || s.isBlank() ? null : Path.of(s.trim());
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    @Override
    public String toString() {
        return "TlsOptions[ca=" + caFile + ", cert=" + certFile + ", key=" + keyFile + ", keystore=" + keystoreFile
                + ", verifyHostname=" + verifyHostname + "]";
    }
}
