package dev.bullpen.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.cli.MainCommand;
import dev.bullpen.queue.NewJob;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.queue.RedisUnavailableException;
import dev.bullpen.queue.TlsOptions;
import dev.bullpen.testing.Certificates;
import dev.bullpen.testing.RedisProcess;
import dev.bullpen.testing.RedisServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** rediss:// against a real TLS-only redis-server that wants a client certificate. */
class TlsIT {
    static Certificates certs;
    static RedisProcess server;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("bullpen-tls");
        certs = Certificates.create(dir.resolve("certs"));
        port = RedisServer.freePort();
        server = RedisProcess.server(dir.resolve("redis"), port, List.of("--port", "0", "--tls-port",
                Integer.toString(port), "--tls-cert-file", certs.serverCert().toString(), "--tls-key-file",
                certs.serverKey().toString(), "--tls-ca-cert-file", certs.caCert().toString(),
                "--tls-auth-clients", "yes"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Cli(int code, String out, String err) {
    }

    static Cli cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = MainCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Cli(code, out.toString(), err.toString());
    }

    String url(String host) {
        return "rediss://" + host + ":" + port;
    }

    @Test
    void customCaAndPemClientCertificateAddAndReadOverTls() {
        Cli add = cli("--redis", url("localhost"), "--redis-ca", certs.caCert().toString(),
                "--redis-cert", certs.clientCert().toString(), "--redis-key", certs.clientKey().toString(),
                "jobs", "add", "--queue", "tls", "--data", "{\"n\":1}");
        assertEquals(0, add.code(), add.err());
        Cli status = cli("--redis", url("localhost"), "--redis-ca", certs.caCert().toString(),
                "--redis-cert", certs.clientCert().toString(), "--redis-key", certs.clientKey().toString(),
                "status", "--queue", "tls", "--json");
        assertEquals(0, status.code(), status.err());
        assertTrue(status.out().contains("\"waiting\":1") || status.out().contains("\"waiting\" : 1"), status.out());
    }

    @Test
    void pkcs12KeystoreAsClientCertificate() {
        RedisEndpoint e = RedisEndpoint.parse(url("localhost")).withTls(new TlsOptions(certs.caCert(), null, null,
                null, certs.clientP12(), certs.clientP12Password(), true));
        try (QueueConnection c = QueueConnection.open(e, "bull")) {
            String id = c.queue("p12").add(NewJob.of("{}"));
            assertTrue(c.queue("p12").job(id).isPresent());
        }
    }

    @Test
    void withoutClientCertificateTheServerRefusesWithExit3() {
        Cli r = cli("--redis", url("localhost"), "--redis-ca", certs.caCert().toString(), "status");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().startsWith("error: cannot reach Redis at localhost:" + port), r.err());
        // TLS 1.3 reports the refusal either as an alert or as a closed connection: both name the cause
        assertTrue(r.err().contains("client certificate"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void wrongCaIsExit3WithOneClearLine() {
        Cli r = cli("--redis", url("localhost"), "--redis-ca", certs.otherCaCert().toString(),
                "--redis-cert", certs.clientCert().toString(), "--redis-key", certs.clientKey().toString(), "status");
        assertEquals(3, r.code(), r.err());
        assertEquals("error: cannot reach Redis at localhost:" + port + ": TLS handshake failed: the server's "
                + "certificate is not signed by a trusted CA (see --redis-ca)", r.err().strip());
    }

    @Test
    void hostnameIsVerifiedUnlessTurnedOff() {
        // the server certificate names localhost only
        Cli checked = cli("--redis", url("127.0.0.1"), "--redis-ca", certs.caCert().toString(),
                "--redis-cert", certs.clientCert().toString(), "--redis-key", certs.clientKey().toString(), "status");
        assertEquals(3, checked.code(), checked.err());
        assertTrue(checked.err().contains("does not name host 127.0.0.1"), checked.err());
        assertEquals(1, checked.err().strip().lines().count(), checked.err());

        Cli unchecked = cli("--redis", url("127.0.0.1"), "--redis-ca", certs.caCert().toString(),
                "--redis-cert", certs.clientCert().toString(), "--redis-key", certs.clientKey().toString(),
                "--redis-tls-skip-hostname-check", "status");
        assertEquals(0, unchecked.code(), unchecked.err());
    }

    @Test
    void tlsOptionsWithAPlainUrlAreBadUsage() {
        Cli r = cli("--redis", "redis://localhost:" + port, "--redis-ca", certs.caCert().toString(), "status");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("need a rediss:// URL"), r.err());
    }

    @Test
    void plainTextToTheTlsPortFailsFast() {
        RedisUnavailableException e = assertThrows(RedisUnavailableException.class,
                () -> QueueConnection.open(RedisEndpoint.parse("redis://localhost:" + port), "bull"));
        assertFalse(e.getMessage().isBlank());
    }
}
