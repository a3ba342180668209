package dev.bullpen.app;

import dev.bullpen.testing.TestSecrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.app.connections.ConnectionEditorViewModel.PasswordMode;
import dev.bullpen.app.connections.ConnectionSession;
import dev.bullpen.app.connections.SidebarViewModel.Entry;
import dev.bullpen.app.overview.QueueRow;
import dev.bullpen.app.settings.Bounds;
import dev.bullpen.app.settings.ConnectionStore;
import dev.bullpen.app.settings.PasswordSource;
import dev.bullpen.app.settings.SavedConnection;
import dev.bullpen.app.settings.WindowState;
import dev.bullpen.app.settings.WindowStateStore;
import dev.bullpen.queue.NewJob;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.testing.RedisServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableRow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Several connections in one window, headless (Monocle), against two real redis-servers (and a
 * third that wants a password): the sidebar tree with every connection's queues and counts, its
 * filter, one Redis dying while the other stays live, a connection added in the window that
 * survives a restart of the console without its password on disk, and the window's remembered
 * state. The settings directory is a temporary one.
 */
class ConsoleConnectionsUiIT {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long TIMEOUT_S = 20;
    private static final String PASSWORD = TestSecrets.password("server");
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private static RedisServer alphaRedis;
    private static RedisServer betaRedis;
    private static RedisServer securedRedis;

    @TempDir
    Path home;

    private final String prefix = "cx" + PREFIXES.incrementAndGet();
    private final FxRobot robot = new FxRobot();
    private AppWiring wiring;
    private Stage stage;

    @BeforeAll
    static void startRedisServersAndToolkit() throws TimeoutException {
        alphaRedis = RedisServer.start();
        betaRedis = RedisServer.start();
        securedRedis = RedisServer.start("--requirepass", PASSWORD);
        FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void stopRedisServers() {
        alphaRedis.close();
        betaRedis.close();
        securedRedis.close();
    }

    @AfterEach
    void closeWindow() throws TimeoutException {
        if (wiring != null) {
            wiring.close();
        }
        FxToolkit.cleanupStages();
    }

    // ---------------------------------------------------------------- set-up helpers

    private void jobs(RedisServer redis, String queue, int n) {
        RedisEndpoint e = RedisEndpoint.parse(redis.url());
        if (redis == securedRedis) {
            e = e.withPassword(PASSWORD);
        }
        try (QueueConnection c = QueueConnection.open(e, prefix)) {
            for (int i = 0; i < n; i++) {
                c.queue(queue).add(NewJob.of("{\"n\":" + i + "}"));
            }
        }
    }

    private SavedConnection saved(String name, RedisServer redis, PasswordSource password) {
        return new SavedConnection(SavedConnection.newId(), name, redis.url(), prefix, false, POLL, password);
    }

    /** Saves the connections and remembers them as open, as a previous run of the console would have. */
    private void rememberOpen(SavedConnection... connections) {
        ConnectionStore store = ConnectionStore.open(home);
        List<String> ids = new ArrayList<>();
        for (SavedConnection c : connections) {
            store.add(c);
            ids.add(c.id());
        }
        WindowStateStore.in(home).save(new WindowState(null, false, WindowState.DEFAULT_SIDEBAR_WIDTH, true, null, ids,
                null));
    }

    /** The console as {@code bullpen console} starts it: with a settings directory; {@code given} = --redis. */
    private void openConsole(RedisServer given, Map<String, String> env) throws TimeoutException {
        RedisServer r = given != null ? given : alphaRedis;
        ConsoleSettings settings = new ConsoleSettings(RedisEndpoint.parse(r.url()), prefix, POLL, false, null, null,
                home, given != null);
        wiring = new AppWiring(settings, Platform::runLater, (owner, question, action) -> true, env);
        stage = FxToolkit.setupStage(s -> wiring.show(s));
    }

    private void restartConsole(RedisServer given) throws TimeoutException {
        wiring.close();
        FxToolkit.cleanupStages();
        wiring = null;
        openConsole(given, Map.of());
    }

    // ---------------------------------------------------------------- tests

    @Test
    void bothConnectionsShowTheirQueuesWithCountsAndTheFilterNarrowsThem() throws Exception {
        // given two Redis servers with queues, saved and open at the last exit
        jobs(alphaRedis, "checkout", 5);
        jobs(alphaRedis, "mail", 2);
        jobs(betaRedis, "invoices", 3);
        jobs(betaRedis, "reports", 1);
        jobs(betaRedis, "mail-eu", 4);
        rememberOpen(saved("alpha", alphaRedis, new PasswordSource.None()),
                saved("beta", betaRedis, new PasswordSource.None()));

        // when
        openConsole(null, Map.of());

        // then both are in the tree with their queues and counts
        awaitQueues("alpha", Map.of("checkout", List.of("5", "0"), "mail", List.of("2", "0")));
        awaitQueues("beta", Map.of("invoices", List.of("3", "0"), "mail-eu", List.of("4", "0"), "reports", List.of("1", "0")));
        await("connection rows", () -> List.of("7", "0").equals(shownConnectionCounts("alpha"))
                && List.of("8", "0").equals(shownConnectionCounts("beta")));
        assertEquals("3 queues", fx(() -> shownSummary("beta")));
        assertTrue(fx(() -> connectionsSummary().isVisible()));

        // when the filter is typed into
        robot.clickOn(fx(() -> lookup("#queue-filter"))).write("mail");

        // then only matching queues stay, under both connections
        awaitQueues("alpha", Map.of("mail", List.of("2", "0")));
        awaitQueues("beta", Map.of("mail-eu", List.of("4", "0")));
        assertEquals("1 of 3 queues", fx(() -> shownSummary("beta")));

        // when a queue of beta is double-clicked in the tree
        robot.doubleClickOn(fx(() -> queueCell("beta", "mail-eu")), MouseButton.PRIMARY);

        // then its tab opens, named after both, and the window is about beta
        await("queue tab", () -> selectedTab().getText().equals("mail-eu · beta")
                && "mail-eu".equals(((Label) selectedTab().getContent().lookup("#queue-title")).getText()));
        await("status bar", () -> ("Connected to beta (127.0.0.1:" + betaRedis.port() + ")").equals(statusBar().getText()));
        assertTrue(fx(() -> stage.getTitle()).startsWith("Bullpen — beta · redis://127.0.0.1:" + betaRedis.port()));
        assertEquals("Queues · beta", fx(() -> tabs().getTabs().get(0).getText()));
    }

    @Test
    void oneRedisStoppedShowsItsBannerAndStaleMarkerWhileTheOtherStaysLive() throws Exception {
        // given
        jobs(alphaRedis, "orders", 1);
        jobs(betaRedis, "invoices", 2);
        rememberOpen(saved("alpha", alphaRedis, new PasswordSource.None()),
                saved("beta", betaRedis, new PasswordSource.None()));
        openConsole(null, Map.of());
        awaitQueues("beta", Map.of("invoices", List.of("2", "0")));
        awaitQueues("alpha", Map.of("orders", List.of("1", "0")));
        assertEquals(List.of(), fx(this::visibleBannerTexts));

        try {
            // when beta's Redis dies
            betaRedis.kill();

            // then beta's banner, its queues marked stale with their last counts
            String beta = "beta (127.0.0.1:" + betaRedis.port() + ")";
            await("beta's banner", () -> visibleBannerTexts().equals(List.of("Disconnected from " + beta + " — retrying")));
            await("beta stale in the tree", () -> "disconnected".equals(shownSummary("beta"))
                    && queueRow("beta", "invoices").getPseudoClassStates().contains(STALE));
            assertEquals(Map.of("invoices", List.of("2", "0")), fx(() -> shownQueues("beta")));
            assertEquals("2 connections · 1 disconnected", fx(() -> connectionsSummary().getText()));

            // and alpha stays live: a new job shows up, nothing of alpha is stale
            jobs(alphaRedis, "orders", 2);
            awaitQueues("alpha", Map.of("orders", List.of("3", "0")));
            assertFalse(fx(() -> queueRow("alpha", "orders").getPseudoClassStates().contains(STALE)));
            assertEquals("1 queue", fx(() -> shownSummary("alpha")));
            assertEquals(List.of("Disconnected from " + beta + " — retrying"), fx(this::visibleBannerTexts),
                    "one banner, beta's");
            assertEquals(1, fx(() -> Window.getWindows().size()), "no dialog opened");
        } finally {
            // when beta is back (empty: no persistence)
            betaRedis.restart();
        }
        jobs(betaRedis, "invoices", 1);

        // then its banner goes and its data is live again
        awaitQueues("beta", Map.of("invoices", List.of("1", "0")));
        await("no banner", () -> visibleBannerTexts().isEmpty());
        assertEquals("2 connections", fx(() -> connectionsSummary().getText()));
    }

    @Test
    void aConnectionAddedInTheWindowSurvivesARestartWithoutItsPasswordOnDisk() throws Exception {
        // given a Redis that wants a password, and the console opened with --redis on another one
        jobs(securedRedis, "payouts", 3);
        openConsole(alphaRedis, Map.of());
        await("given connection", () -> wiring.sidebar().entries().size() == 1);

        // when a connection is added through the window, its password typed but to be asked for next time
        robot.clickOn(fx(() -> lookup("#add-connection")));
        await("editor", () -> robot.lookup("#connection-url").tryQuery().isPresent());
        robot.clickOn("#connection-name").write("secured");
        fx(() -> {
            robot.lookup("#connection-url").queryTextInputControl().setText(securedRedis.url());
            robot.lookup("#connection-prefix").queryTextInputControl().setText(prefix);
            robot.lookup("#connection-poll").queryTextInputControl().setText("0.2");
            @SuppressWarnings("unchecked")
            ChoiceBox<PasswordMode> mode = robot.lookup("#connection-password-mode").queryAs(ChoiceBox.class);
            mode.setValue(PasswordMode.ASK);
            return null;
        });
        robot.clickOn("#connection-password").write(PASSWORD);
        robot.clickOn("#connection-save");

        // then it connects with that password and shows its queues
        awaitQueues("secured", Map.of("payouts", List.of("3", "0")));
        String file = Files.readString(home.resolve("connections.json"), StandardCharsets.UTF_8);
        assertTrue(file.contains("\"name\" : \"secured\"") && file.contains("\"passwordFrom\" : \"ask\""), file);
        assertFalse(file.contains(PASSWORD), "the password is not in the saved file:\n" + file);

        // when the console is closed and started again (no --redis)
        restartConsole(null);

        // then the connection is there again and its password is asked for; a wrong one is refused by Redis
        await("password prompt", () -> robot.lookup("#password-prompt-field").tryQuery().isPresent());
        robot.clickOn("#password-prompt-field").write("not-the-password").type(KeyCode.ENTER);
        String secured = "secured (127.0.0.1:" + securedRedis.port() + ")";
        await("login refused", () -> visibleBannerTexts().equals(List.of(secured + " refused the login — retrying"))
                && lookup("#banner-password").isVisible());
        assertEquals(1, fx(() -> Window.getWindows().size()), "no dialog but the banner");

        // when the password is entered again from the banner
        robot.clickOn(fx(() -> lookup("#banner-password")));
        await("password prompt again", () -> robot.lookup("#password-prompt-reason").tryQuery().isPresent());
        robot.clickOn("#password-prompt-field").write(PASSWORD).type(KeyCode.ENTER);

        // then it connects
        awaitQueues("secured", Map.of("payouts", List.of("3", "0")));
        await("banner gone", () -> visibleBannerTexts().isEmpty());
        assertEquals(List.of("secured"), fx(() -> wiring.sidebar().entries().stream().map(Entry::getName).toList()),
                "only the saved connection: the --redis one of the last run was not saved");
        for (Path f : List.of(home.resolve("connections.json"), home.resolve("window.json"))) {
            assertFalse(Files.readString(f, StandardCharsets.UTF_8).contains(PASSWORD), f + " holds no password");
        }
    }

    @Test
    void aPasswordFromTheEnvironmentIsUsedAndAMissingVariableIsANoticeNotADialog() throws Exception {
        // given
        jobs(securedRedis, "ledger", 2);
        rememberOpen(saved("secured-env", securedRedis, new PasswordSource.Env("BULLPEN_IT_REDIS_PW")));

        // when the variable is set
        openConsole(null, Map.of("BULLPEN_IT_REDIS_PW", PASSWORD));

        // then
        awaitQueues("secured-env", Map.of("ledger", List.of("2", "0")));

        // when it is not
        restartConsole(null);

        // then the window says so once, and the connection stays closed
        await("notice", () -> lookup("#window-notice") != null && ((Label) lookup("#window-notice")).getText()
                .equals("Cannot open secured-env: environment variable BULLPEN_IT_REDIS_PW is not set"));
        assertEquals("closed", fx(() -> shownSummary("secured-env")));
        assertEquals(1, fx(() -> Window.getWindows().size()), "no dialog opened");
    }

    @Test
    void aConnectionGivenOnTheCommandLineIsSavedEditedAndRemovedFromTheSidebar() throws Exception {
        // given the console opened with --redis only
        jobs(alphaRedis, "shipping", 2);
        openConsole(alphaRedis, Map.of());
        String given = "127.0.0.1:" + alphaRedis.port();
        awaitQueues(given, Map.of("shipping", List.of("2", "0")));

        // when it is saved from its context menu, under a name
        showContextMenu(given);
        robot.clickOn("Save…");
        await("form", () -> robot.lookup("#connection-name").tryQuery().isPresent());
        assertEquals(alphaRedis.url(), fx(() -> robot.lookup("#connection-url").queryTextInputControl().getText()));
        robot.clickOn("#connection-name").write("warehouse");
        robot.clickOn("#connection-save");

        // then it is saved and open under that name
        awaitQueues("warehouse", Map.of("shipping", List.of("2", "0")));
        assertTrue(Files.readString(home.resolve("connections.json")).contains("\"name\" : \"warehouse\""));
        assertEquals(List.of("warehouse"), fx(() -> wiring.sidebar().entries().stream().map(Entry::getName).toList()));

        // when it is renamed and made read-only
        showContextMenu("warehouse");
        robot.clickOn("Edit…");
        await("form", () -> robot.lookup("#connection-name").tryQuery().isPresent());
        fx(() -> {
            robot.lookup("#connection-name").queryTextInputControl().setText("warehouse-eu");
            robot.lookup("#connection-read-only").queryAs(javafx.scene.control.CheckBox.class).setSelected(true);
            return null;
        });
        robot.clickOn("#connection-save");

        // then it is reopened with the new settings
        awaitQueues("warehouse-eu", Map.of("shipping", List.of("2", "0")));
        await("read-only", () -> stage.getTitle().endsWith(" · read-only") && lookup("#read-only").isVisible());
        SavedConnection edited = ConnectionStore.open(home).all().get(0);
        assertEquals("warehouse-eu", edited.name());
        assertTrue(edited.readOnly());
        String threads = fx(() -> wiring.connections().sessions().get(0).threadPrefix());

        // when it is removed (the confirmation says yes)
        showContextMenu("warehouse-eu");
        robot.clickOn("Remove…");

        // then it is closed and forgotten
        await("removed", () -> wiring.sidebar().entries().isEmpty());
        WaitForAsyncUtils.waitFor(TIMEOUT_S, TimeUnit.SECONDS, () -> threadsNamed(threads) == 0);
        assertEquals(List.of(), ConnectionStore.open(home).all());
        assertEquals("Bullpen", fx(() -> stage.getTitle()));
        assertEquals("No connection open", fx(() -> statusBar().getText()));
    }

    /** Shows a connection's context menu as a right-click does (Monocle's headless robot makes no popup triggers). */
    private void showContextMenu(String connection) throws Exception {
        fx(() -> {
            TreeTableRow<?> row = connectionRow(connection);
            row.getContextMenu().show(row, javafx.geometry.Side.BOTTOM, 20, 0);
            return null;
        });
    }

    @Test
    void closingAConnectionStopsItsThreadsAndClosesItsTabs() throws Exception {
        // given
        jobs(alphaRedis, "a-queue", 1);
        jobs(betaRedis, "b-queue", 1);
        rememberOpen(saved("alpha", alphaRedis, new PasswordSource.None()),
                saved("beta", betaRedis, new PasswordSource.None()));
        openConsole(null, Map.of());
        awaitQueues("beta", Map.of("b-queue", List.of("1", "0")));
        awaitQueues("alpha", Map.of("a-queue", List.of("1", "0")));
        robot.doubleClickOn(fx(() -> queueCell("beta", "b-queue")), MouseButton.PRIMARY);
        await("queue tab", () -> selectedTab().getText().equals("b-queue · beta"));
        ConnectionSession beta = fx(() -> wiring.mainWindow().currentProperty().get());
        String betaThreads = beta.threadPrefix();
        String alphaThreads = fx(() -> wiring.connections().sessions().get(0).threadPrefix());
        assertTrue(threadsNamed(betaThreads) > 0);

        // when beta is closed from its context menu in the sidebar
        showContextMenu("beta");
        robot.clickOn("Close connection");

        // then its threads end, its tab closes, and it stays in the tree as closed; alpha goes on
        WaitForAsyncUtils.waitFor(TIMEOUT_S, TimeUnit.SECONDS, () -> threadsNamed(betaThreads) == 0);
        await("beta closed", () -> "closed".equals(shownSummary("beta")) && shownQueues("beta").isEmpty());
        assertEquals(List.of("Queues", "Charts", "Alerts", "Redis", "Workers", "Load test"), fx(() -> tabs().getTabs().stream().map(Tab::getText).toList()));
        assertTrue(threadsNamed(alphaThreads) > 0);
        assertEquals("Bullpen — alpha · " + alphaRedis.url() + " · prefix " + prefix, fx(() -> stage.getTitle()));
    }

    @Test
    void theWindowOpensAsItWasLeftAndAnOffScreenPositionIsMadeSane() throws Exception {
        // given a console left with another size, the dark theme and a wider sidebar
        openConsole(alphaRedis, Map.of());
        fx(() -> {
            stage.setWidth(1100);
            stage.setHeight(700);
            ((javafx.scene.control.CheckMenuItem) menuItem("dark-theme")).setSelected(true);
            return null;
        });
        await("window resized", () -> lookup("#main-split").getLayoutBounds().getWidth() <= 1100);
        fx(() -> {
            SplitPane split = (SplitPane) lookup("#main-split");
            split.setDividerPositions(340.0 / split.getWidth());
            return null;
        });
        try {
            await("sidebar resized", () -> Math.abs(sidebarWidth() - 340) < 3);
        } catch (TimeoutException e) {
            throw new AssertionError(e.getMessage() + ": " + fx(this::sidebarWidth), e);
        }

        // when it is opened again
        restartConsole(alphaRedis);

        // then
        assertEquals(1100, fx(() -> stage.getWidth()));
        assertEquals(700, fx(() -> stage.getHeight()));
        assertEquals(2, fx(() -> stage.getScene().getStylesheets().size()), "dark theme");
        await("sidebar width", () -> Math.abs(sidebarWidth() - 340) < 3);

        // when the remembered position is on a screen that is gone
        WindowState left = WindowStateStore.in(home).load();
        WindowStateStore.in(home).save(new WindowState(new Bounds(-9000, -9000, 1100, 700), false, left.sidebarWidth(),
                true, left.theme(), left.openConnections(), null));
        restartConsole(alphaRedis);

        // then the window is on the screen
        Rectangle2D screen = fx(() -> Screen.getPrimary().getVisualBounds());
        assertTrue(fx(() -> screen.contains(stage.getX() + 10, stage.getY() + 10)),
                "window at " + fx(() -> stage.getX()) + "," + fx(() -> stage.getY()) + " on " + screen);
    }

    // ---------------------------------------------------------------- reading the window

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static void await(String what, Callable<Boolean> condition) throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT_S, TimeUnit.SECONDS, () -> fx(condition));
        } catch (TimeoutException e) {
            throw new TimeoutException("waited " + TIMEOUT_S + " s for: " + what);
        }
    }

    /** Waits until the tree shows exactly these queues (name → waiting, failed) under the connection. */
    private void awaitQueues(String connection, Map<String, List<String>> want) throws Exception {
        try {
            await(connection + " shows " + want, () -> want.equals(shownQueues(connection)));
        } catch (TimeoutException e) {
            throw new AssertionError(e.getMessage() + " but it shows " + fx(() -> shownQueues(connection))
                    + " (" + fx(() -> shownSummary(connection)) + ")", e);
        }
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }

    private Node lookup(String selector) {
        return stage.getScene().lookup(selector);
    }

    private TabPane tabs() {
        return (TabPane) lookup("#main-tabs");
    }

    private Tab selectedTab() {
        return tabs().getSelectionModel().getSelectedItem();
    }

    private StatusBar statusBar() {
        return (StatusBar) lookup("#status-bar");
    }

    private Label connectionsSummary() {
        return (Label) lookup("#connections-summary");
    }

    private double sidebarWidth() {
        return ((javafx.scene.layout.Region) lookup("#sidebar")).getWidth();
    }

    private javafx.scene.control.MenuItem menuItem(String id) {
        return ((javafx.scene.control.MenuBar) lookup(".app-menu-bar")).getMenus().stream()
                .flatMap(m -> m.getItems().stream()).filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }

    private List<String> visibleBannerTexts() {
        List<String> texts = new ArrayList<>();
        for (Node n : lookup("#banners").lookupAll("#connection-banner")) {
            if (n.getParent().getParent().isVisible()) {
                texts.add(((Label) n).getText());
            }
        }
        return texts;
    }

    /** The rendered rows of the tree (visible, not empty). */
    private List<TreeTableRow<?>> rows() {
        List<TreeTableRow<?>> rows = new ArrayList<>();
        for (Node n : lookup("#connection-tree").lookupAll(".tree-table-row-cell")) {
            if (n instanceof TreeTableRow<?> r && r.isVisible() && !r.isEmpty() && r.getTreeItem() != null) {
                rows.add(r);
            }
        }
        return rows;
    }

    private static Map<String, String> cellTexts(TreeTableRow<?> row) {
        Map<String, String> byColumn = new HashMap<>();
        for (Node n : row.lookupAll(".tree-table-cell")) {
            if (n instanceof TreeTableCell<?, ?> c && c.getTableColumn() != null && c.getTableRow() == row) {
                byColumn.put(c.getTableColumn().getId(), c.getText());
            }
        }
        return byColumn;
    }

    private static boolean under(TreeTableRow<?> row, String connection) {
        var parent = row.getTreeItem().getParent();
        return parent != null && parent.getValue() instanceof Entry e && e.getName().equals(connection);
    }

    /** Queue name → [waiting, failed] as the tree shows them under the connection. */
    private Map<String, List<String>> shownQueues(String connection) {
        Map<String, List<String>> shown = new LinkedHashMap<>();
        for (TreeTableRow<?> r : rows()) {
            if (r.getItem() instanceof QueueRow q && under(r, connection)) {
                Map<String, String> cells = cellTexts(r);
                shown.put(q.getName(), List.of(String.valueOf(cells.get("tree-waiting")),
                        String.valueOf(cells.get("tree-failed"))));
            }
        }
        return shown;
    }

    private TreeTableRow<?> connectionRow(String connection) {
        return rows().stream().filter(r -> r.getItem() instanceof Entry e && e.getName().equals(connection))
                .findFirst().orElseThrow(() -> new AssertionError("no row for connection " + connection));
    }

    private List<String> shownConnectionCounts(String connection) {
        Map<String, String> cells = cellTexts(connectionRow(connection));
        return List.of(String.valueOf(cells.get("tree-waiting")), String.valueOf(cells.get("tree-failed")));
    }

    private String shownSummary(String connection) {
        Node summary = connectionRow(connection).lookup(".connection-summary");
        return summary == null ? null : ((Label) summary).getText();
    }

    private TreeTableRow<?> queueRow(String connection, String queue) {
        return rows().stream().filter(r -> r.getItem() instanceof QueueRow q && q.getName().equals(queue)
                && under(r, connection)).findFirst().orElseThrow(() -> new AssertionError("no row for " + queue));
    }

    private Node queueCell(String connection, String queue) {
        for (Node n : queueRow(connection, queue).lookupAll(".tree-table-cell")) {
            if (n instanceof TreeTableCell<?, ?> c && c.getTableColumn() != null
                    && "tree-name".equals(c.getTableColumn().getId())) {
                return c;
            }
        }
        throw new AssertionError("no name cell for " + queue);
    }
}
