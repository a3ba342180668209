package dev.bullpen.embedded;

import java.nio.file.Path;

/**
 * A JVM that starts a {@link LocalRedis} on the directory given as its argument, prints {@code pid N} (the
 * server's) and waits to be killed: a test kills it with SIGKILL to leave the server running as a killed
 * {@code bullpen simulate} would.
 */
public final class LocalRedisHolder {
    private LocalRedisHolder() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalRedis redis = LocalRedis.start(Path.of(args[0]));
        System.out.println("pid " + redis.pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
