package dev.bullpen.security;

import dev.bullpen.testing.TestSecrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.bullpen.cli.MainCommand;
import dev.bullpen.testing.RedisServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * ACL users on a real redis-server: a writer, and a read-only user allowed reads, EVAL_RO and
 * EVALSHA_RO but no writes; and no password in any output or log line.
 */
class AclAndSecretsIT {
    static final String APP_PW = TestSecrets.password("app");
    static final String RO_PW = TestSecrets.password("ro");
    static RedisServer redis;

    @BeforeAll
    static void start() {
        redis = RedisServer.start(
                "--user", "default", "off",
                "--user", "app", "on", ">" + APP_PW, "~*", "&*", "+@all",
                "--user", "ro", "on", ">" + RO_PW, "~*", "&*", "-@all", "+@read", "+@connection", "+info",
                "+eval_ro", "+evalsha_ro");
    }

    @AfterAll
    static void stop() {
        redis.close();
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

    static String url(String user, String pw) {
        return "redis://" + user + ":" + pw + "@127.0.0.1:" + redis.port();
    }

    @Test
    void readOnlyUserReadsAndIsToldWhyAWriteIsRefused() {
        assertEquals(0, cli("--redis", url("app", APP_PW), "jobs", "add", "--queue", "acl",
                "--data", "{\"order\":7,\"email\":\"ann@example.com\"}").code());

        Cli status = cli("--redis", url("ro", RO_PW), "status");
        assertEquals(0, status.code(), status.err());
        assertTrue(status.out().contains("acl"), status.out());
        Cli list = cli("--redis", url("ro", RO_PW), "jobs", "list", "--queue", "acl", "--state", "waiting", "--json");
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("\"order\""), list.out());
        Cli show = cli("--redis", url("ro", RO_PW), "jobs", "show", "--queue", "acl", "1");
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("waiting"), show.out());

        Cli write = cli("--redis", url("ro", RO_PW), "jobs", "add", "--queue", "acl", "--data", "{}");
        assertEquals(1, write.code(), write.err());
        assertTrue(write.err().startsWith("error: the Redis user ro may not write (or run this command): NOPERM"),
                write.err());
        assertEquals(1, write.err().strip().lines().count(), write.err());
    }

    @Test
    void personalFieldsAreMaskedUnlessUnmasked() {
        assertEquals(0, cli("--redis", url("app", APP_PW), "jobs", "add", "--queue", "pii", "--data",
                "{\"order\":7,\"customer\":{\"email\":\"bob@example.com\",\"phone\":\"+41 79 000 00 00\","
                        + "\"first_name\":\"Bob\"},\"lines\":[{\"sku\":\"A\",\"shippingAddress\":\"Main St 1\"}]}")
                .code());
        Cli masked = cli("--redis", url("app", APP_PW), "jobs", "list", "--queue", "pii", "--state", "waiting",
                "--json");
        assertEquals(0, masked.code(), masked.err());
        for (String secret : new String[] {"bob@example.com", "+41 79", "Bob", "Main St 1"}) {
            assertFalse(masked.out().contains(secret), secret + " in " + masked.out());
        }
        assertTrue(masked.out().contains("\"sku\""), masked.out());
        Cli shown = cli("--redis", url("app", APP_PW), "jobs", "show", "--queue", "pii", "1");
        assertFalse(shown.out().contains("bob@example.com"), shown.out());
        Cli unmasked = cli("--redis", url("app", APP_PW), "--unmask", "jobs", "show", "--queue", "pii", "1",
                "--json");
        assertTrue(unmasked.out().contains("bob@example.com") && unmasked.out().contains("Main St 1"),
                unmasked.out());
        Cli custom = cli("--redis", url("app", APP_PW), "--mask-fields", "sku", "jobs", "show", "--queue", "pii",
                "1", "--json");
        assertTrue(custom.out().contains("bob@example.com") && !custom.out().contains("\"A\""), custom.out());
    }

    @Test
    void noPasswordInAnyOutputOrLogLine() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        root.setLevel(Level.TRACE);
        StringBuilder all = new StringBuilder();
        try {
            String wrong = TestSecrets.password("wrong");
            int down = RedisServer.freePort();
            Cli[] runs = {
                cli("--redis", url("app", APP_PW), "jobs", "add", "--queue", "s", "--data", "{}"),
                cli("--redis", url("app", APP_PW), "--verbose", "status"),
                cli("--redis", url("app", wrong), "--verbose", "status"),
                cli("--redis", url("ro", RO_PW), "--verbose", "jobs", "add", "--queue", "s", "--data", "{}"),
                cli("--redis", "redis://app:" + APP_PW + "@127.0.0.1:" + down, "--verbose", "status"),
                cli("--redis", "redis://app:" + APP_PW + "@127.0.0.1:" + redis.port() + "/x", "status"),
                cli("--redis", "redis-sentinel://app:" + APP_PW + "@127.0.0.1:" + down, "status"),
                cli("--redis", "redis-cluster://app:" + APP_PW + "@127.0.0.1:" + down, "status"),
            };
            assertEquals(0, runs[0].code());
            assertEquals(0, runs[1].code());
            assertEquals(3, runs[2].code(), runs[2].err());
            assertTrue(runs[2].err().contains("refused the login"), runs[2].err());
            assertEquals(1, runs[3].code());
            assertEquals(3, runs[4].code());
            assertTrue(runs[4].err().contains("connection refused"), runs[4].err());
            assertEquals(2, runs[5].code());
            assertEquals(2, runs[6].code());
            for (Cli r : runs) {
                all.append(r.out()).append(r.err());
            }
            for (ILoggingEvent e : logs.list) {
                all.append(e.getFormattedMessage()).append('\n');
                if (e.getThrowableProxy() != null) {
                    all.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
                }
            }
            assertTrue(all.length() > 0);
            for (String pw : new String[] {APP_PW, RO_PW, wrong}) {
                assertFalse(all.toString().contains(pw), "password " + pw + " leaked:\n" + all);
            }
        } finally {
            root.detachAppender(logs);
            root.setLevel(before);
        }
    }
}
