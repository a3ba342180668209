package dev.bullpen.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LauncherTest {

    private static String run(int expectedExit, String... args) {
        CommandLine cl = Launcher.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        assertEquals(expectedExit, cl.execute(args), out::toString);
        return out.toString();
    }

    @Test
    void helpListsTheConsoleCommand() {
        String help = run(0, "--help");
        assertTrue(help.matches("(?s).*\\n  console +Opens the desktop console.*"), help);
        assertTrue(help.matches("(?s).*\\n  demo +Runs live checkout traffic.*"), help);
    }

    @Test
    void consoleHelpShowsItsOwnAndTheGlobalOptions() {
        String help = run(0, "console", "--help");
        assertTrue(help.contains("Usage: bullpen console"), help);
        assertTrue(help.contains("--poll-interval=MS"), help);
        assertTrue(help.contains("--redis=URL"), help);
        assertTrue(help.contains("--prefix=P"), help);
    }

    @Test
    void badConsoleOptionsAreRefusedWithExitCode2BeforeAnyWindowOpens() {
        assertTrue(run(2, "console", "--poll-interval", "10").contains("--poll-interval must be at least 100 ms"));
        assertTrue(run(2, "console", "--redis", "http://x").contains("scheme must be redis://"));
        assertTrue(run(2, "console", "--theme", "blue").contains("--theme must be light or dark, not 'blue'"));
        assertTrue(run(2, "console", "--state", "failed").contains("--state and --job need --queue"));
        assertTrue(run(2, "console", "--queue", "q", "--state", "done")
                .contains("--state must be one of waiting, active, delayed, completed, failed, paused, not 'done'"));
    }

    @Test
    void consoleHelpNamesTheReadOnlyAndThemeOptions() {
        String help = run(0, "console", "--help");
        assertTrue(help.contains("--read-only"), help);
        assertTrue(help.contains("--theme=THEME"), help);
        assertTrue(help.contains("--queue=Q"), help);
    }
}
