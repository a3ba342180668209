package dev.bullpen.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.queue.NewJob;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.RedisEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalRedisIT {

    @Test
    void embeddedBinaryServesQueuesWhenNoRedisIsInstalled() throws Exception {
        Path bin = EmbeddedRedisBinary.extract();
        assertTrue(Files.isExecutable(bin));
        Path dir = Files.createTempDirectory("bullpen-embedded");
        // run the embedded Redis 6.2 binary itself, as on a machine without redis-server on PATH
        Process p = new ProcessBuilder(bin.toString(), "--version").redirectErrorStream(true).start();
        String version = new String(p.getInputStream().readAllBytes());
        assertTrue(version.contains("v=6.2"), version);
        try (LocalRedis redis = LocalRedis.start(bin.toString(), dir, java.util.List.of());
             QueueConnection c = QueueConnection.open(RedisEndpoint.parse(redis.url()), "bull")) {
            assertTrue(c.serverInfo().get("redis_version").startsWith("6.2"), "runs the embedded binary");
            c.queue("q").add(NewJob.of("{\"a\":1}"));
            assertEquals(1, c.queue("q").status().counts().waiting());
        }
    }
}
