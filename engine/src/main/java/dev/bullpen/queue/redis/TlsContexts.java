package dev.bullpen.queue.redis;

import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.TlsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** Builds the JSSE objects for {@link TlsOptions}: trust (CA), client key, hostname check. */
final class TlsContexts {
    private TlsContexts() {
    }

    static SSLSocketFactory socketFactory(TlsOptions o) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(o.caFile() == null ? null : trustStore(o.caFile(), o.caPassword()));
            KeyManagerFactory kmf = null;
            if (o.certFile() != null || o.keystoreFile() != null) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                if (o.keystoreFile() != null) {
                    char[] pw = o.keystorePassword() == null ? new char[0] : o.keystorePassword().toCharArray();
                    kmf.init(load(o.keystoreFile(), "PKCS12", pw), pw);
                } else {
                    KeyStore ks = KeyStore.getInstance("PKCS12");
                    ks.load(null, null);
                    ks.setKeyEntry("client", privateKey(o.keyFile()), new char[0],
                            certificates(o.certFile()).toArray(new Certificate[0]));
                    kmf.init(ks, new char[0]);
                }
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new InvalidInputException("cannot use the TLS files (" + o + "): " + e.getMessage());
        }
    }

    /** Hostname verification as HTTPS does it, unless turned off. */
    static SSLParameters parameters(TlsOptions o) {
        SSLParameters p = new SSLParameters();
        if (o.verifyHostname()) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        return p;
    }

    private static KeyStore trustStore(Path file, String password) throws GeneralSecurityException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".p12") || name.endsWith(".pfx")) {
            return load(file, "PKCS12", password == null ? null : password.toCharArray());
        }
        if (name.endsWith(".jks")) {
            return load(file, "JKS", password == null ? null : password.toCharArray());
        }
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            ks.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int i = 0;
        for (Certificate c : certificates(file)) {
            ks.setCertificateEntry("ca-" + i++, c);
        }
        if (i == 0) {
            throw new InvalidInputException("no certificate in CA file " + file);
        }
        return ks;
    }

    private static KeyStore load(Path file, String type, char[] password) throws GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password);
            return ks;
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + type + " store " + file + ": " + e.getMessage());
        }
    }

    private static Collection<? extends Certificate> certificates(Path file) throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read certificate file " + file + ": " + e.getMessage());
        }
    }

    private static PrivateKey privateKey(Path file) throws GeneralSecurityException {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read key file " + file + ": " + e.getMessage());
        }
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new InvalidInputException("key file " + file + " is not an unencrypted PKCS#8 PEM key "
                    + "(BEGIN PRIVATE KEY); convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
        }
        String body = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27, pem.indexOf("-----END PRIVATE KEY-----"))
                .replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body));
        List<String> tried = new ArrayList<>();
        for (String alg : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                tried.add(alg);
            }
        }
        throw new InvalidInputException("key file " + file + " holds no " + String.join("/", tried) + " key");
    }
}
