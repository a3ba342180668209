package dev.bullpen.embedded;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts child processes that Bullpen owns (its redis-server, the simulator's worker JVMs) in a session and
 * process group of their own, through {@code setsid}, so that a terminal's Ctrl-C (SIGINT to the whole foreground
 * process group) reaches only the Bullpen JVM, which then stops them itself, in its own order (decision 0016).
 *
 * <p>{@code setsid} without {@code --fork} calls setsid(2) and execs the command in place when the caller is not
 * a process group leader, which a freshly started child never is: the {@link Process}'s pid stays the command's
 * own pid, so {@code destroy()} still reaches it. Where {@code setsid} is not on PATH the command runs as it is
 * (in this JVM's process group, as before), logged once at debug.
 */
public final class OwnSession {
    private static final Logger LOG = LoggerFactory.getLogger(OwnSession.class);
    private static final AtomicBoolean MISSING_LOGGED = new AtomicBoolean();
    private static volatile Optional<String> setsid;

    private OwnSession() {
    }

    /** {@code command} prefixed with {@code setsid} from PATH, or {@code command} itself when there is none. */
    public static List<String> command(List<String> command) {
        Optional<String> s = setsid;
        if (s == null) {
            s = find(System.getenv().getOrDefault("PATH", ""));
            setsid = s;
        }
        if (s.isEmpty() && MISSING_LOGGED.compareAndSet(false, true)) {
            LOG.debug("setsid is not on PATH: child processes stay in this process group, so a terminal's Ctrl-C "
                    + "reaches them too");
        }
        return prefixed(s, command);
    }

    static List<String> prefixed(Optional<String> setsid, List<String> command) {
        if (setsid.isEmpty()) {
            return List.copyOf(command);
        }
        List<String> cmd = new ArrayList<>(command.size() + 1);
        cmd.add(setsid.get());
        cmd.addAll(command);
        return List.copyOf(cmd);
    }

    /** The first executable {@code setsid} in {@code path} (a PATH value). */
    static Optional<String> find(String path) {
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, "setsid");
            if (!dir.isEmpty() && f.isFile() && f.canExecute()) {
                return Optional.of(f.getAbsolutePath());
            }
        }
        return Optional.empty();
    }
}
