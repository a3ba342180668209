package dev.bullpen.app.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.bullpen.app.Theme;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WindowStateTest {
    private static final Bounds LAPTOP = new Bounds(0, 0, 1280, 776);
    private static final Bounds RIGHT_MONITOR = new Bounds(1280, 0, 1920, 1050);

    @TempDir
    Path home;

    @Test
    void stateIsReadBackAsSaved() {
        WindowState state = new WindowState(new Bounds(40, 30, 1200, 700), true, 310, false, Theme.DARK,
                List.of("a", "b"), "b");

        WindowStateStore.in(home).save(state);

        assertEquals(state, WindowStateStore.in(home).load());
    }

    @Test
    void aMissingOrBrokenFileGivesTheInitialState() throws IOException {
        assertEquals(WindowState.initial(), WindowStateStore.in(home).load());
        Files.writeString(home.resolve(WindowStateStore.FILE_NAME), "{\"width\": 12");
        assertEquals(WindowState.initial(), WindowStateStore.in(home).load());
        assertFalse(WindowState.initial().remembered());
    }

    @Test
    void oddValuesAreMadeSane() throws IOException {
        Files.writeString(home.resolve(WindowStateStore.FILE_NAME),
                "{\"width\": 900, \"height\": 500, \"sidebarWidth\": -4, \"theme\": \"pink\", "
                        + "\"openConnections\": [\"a\", 7, \"a\"]}");

        WindowState s = WindowStateStore.in(home).load();

        assertEquals(WindowState.DEFAULT_SIDEBAR_WIDTH, s.sidebarWidth());
        assertEquals(null, s.theme());
        assertEquals(List.of("a"), s.openConnections());
        assertEquals(new Bounds(0, 0, 900, 500), s.bounds());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            # what,                                  saved x, y,    w,    h,    placed x, y,   w,    h
            on the laptop: kept,                     100,     50,   1000, 600,  100,      50,  1000, 600
            first run: 1280x800 shrunk to screen,    ,        ,     ,     ,     0,        0,   1280, 776
            monitor unplugged: centred on laptop,    2000,    100,  1400, 900,  0,        0,   1280, 776
            far off to the left: centred,            -5000,   100,  1000, 600,  140,      88,  1000, 600
            above the screen: centred,               100,     -900, 1000, 600,  140,      88,  1000, 600
            title bar half visible: kept,            1200,    100,  1000, 600,  1200,     100, 1000, 600
            too tall: clamped to the screen,         10,      10,   1000, 2000, 10,       10,  1000, 776
            tiny: grown to the minimum,              10,      10,   200,  100,  10,       10,  900,  400
            """)
    void windowIsPlacedWhereTheUserCanReachIt(String what, Double x, Double y, Double w, Double h,
                                              double px, double py, double pw, double ph) {
        Bounds saved = w == null ? null : new Bounds(x, y, w, h);

        Bounds placed = WindowPlacement.place(saved, List.of(LAPTOP), 900, 400);

        assertEquals(new Bounds(px, py, pw, ph), placed, what);
    }

    @Test
    void aWindowOnTheSecondMonitorStaysThere() {
        Bounds saved = new Bounds(1400, 100, 1600, 900);

        assertEquals(saved, WindowPlacement.place(saved, List.of(LAPTOP, RIGHT_MONITOR), 900, 400));
        assertEquals(new Bounds(0, 0, 1280, 776), WindowPlacement.place(saved, List.of(LAPTOP), 900, 400));
    }

    @Test
    void homeIsThePropertyElseTheEnvironmentElseDotBullpen() {
        assertEquals(Path.of("/tmp/p").toAbsolutePath(), BullpenHome.resolve("/tmp/p", "/tmp/e", "/home/u"));
        assertEquals(Path.of("/tmp/e").toAbsolutePath(), BullpenHome.resolve(" ", "/tmp/e", "/home/u"));
        assertEquals(Path.of("/home/u/.bullpen"), BullpenHome.resolve(null, null, "/home/u"));
    }
}
