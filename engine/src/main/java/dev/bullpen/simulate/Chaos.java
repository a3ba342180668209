package dev.bullpen.simulate;

import java.time.Duration;
import java.util.List;

/**
 * Faults a simulation injects, written {@code kill-worker:EVERY} (workers run as child processes; one is killed
 * with SIGKILL at that interval and started again) and {@code redis-restart:AT} (the Redis the simulator started is
 * killed and started again, with its append-only file, AT after the load began).
 *
 * @param killWorkerEvery null for none
 * @param redisRestartAt  null for none
 */
public record Chaos(Duration killWorkerEvery, Duration redisRestartAt) {
    public static Chaos none() {
        return new Chaos(null, null);
    }

    public boolean killsWorkers() {
        return killWorkerEvery != null;
    }

    public boolean restartsRedis() {
        return redisRestartAt != null;
    }

    /**
     * Parses {@code --chaos} values (each may hold several, comma-separated).
     *
     * @throws IllegalArgumentException naming a part that is not a fault
     */
    public static Chaos parse(List<String> values) {
        Duration kill = null;
        Duration restart = null;
        for (String value : values) {
            for (String part : value.split(",")) {
                String p = part.trim();
                if (p.startsWith("kill-worker:")) {
                    kill = DurationText.parse(p.substring("kill-worker:".length()));
                    if (kill.isZero()) {
                        throw new IllegalArgumentException("kill-worker needs an interval above zero");
                    }
                } else if (p.startsWith("redis-restart:")) {
                    restart = DurationText.parse(p.substring("redis-restart:".length()));
                } else if (!p.isEmpty()) {
                    throw new IllegalArgumentException("unknown chaos '" + p
                            + "' (kill-worker:EVERY or redis-restart:AT, e.g. kill-worker:5s)");
                }
            }
        }
        return new Chaos(kill, restart);
    }

    public String text() {
        StringBuilder b = new StringBuilder();
        if (killWorkerEvery != null) {
            b.append("kill-worker:").append(killWorkerEvery.toMillis()).append("ms");
        }
        if (redisRestartAt != null) {
            b.append(b.length() > 0 ? "," : "").append("redis-restart:").append(redisRestartAt.toMillis()).append("ms");
        }
        return b.length() == 0 ? "none" : b.toString();
    }
}
