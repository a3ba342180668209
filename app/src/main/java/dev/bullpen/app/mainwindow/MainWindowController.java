package dev.bullpen.app.mainwindow;

import dev.bullpen.app.Theme;
import dev.bullpen.app.connections.ConnectionManager;
import dev.bullpen.app.connections.ConnectionSession;
import dev.bullpen.app.connections.SidebarController;
import dev.bullpen.app.icons.AppIcon;
import dev.bullpen.app.overview.OverviewViewModel;
import dev.bullpen.app.overview.OverviewViewModel.Connection;
import dev.bullpen.app.settings.WindowState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.controlsfx.control.StatusBar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the window frame of {@code main_window.fxml}: menus, one banner per open connection plus
 * notices, the connections sidebar beside the tabs, and the status bar. The "Queues" and "Redis"
 * tabs show the connection in front (chosen in the sidebar or by its queue tab); each opened queue
 * has a tab of its own.
 */
public final class MainWindowController implements ConnectionManager.View {
    private static final Logger LOG = LoggerFactory.getLogger(MainWindowController.class);
    private static final PseudoClass DISCONNECTED = PseudoClass.getPseudoClass("disconnected");
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    private static final int MAX_NOTICES = 4;

    /**
     * One opened queue's tab: its screen is built in an FX event after the tab shows; {@code attached} completes
     * once the screen is in its tab and reading the queue.
     */
    private record OpenQueue(ConnectionSession session, String name, CompletableFuture<QueueScreen> attached) {
        /** The screen, once attached (else null). */
        QueueScreen screen() {
            return attached.isDone() && !attached.isCompletedExceptionally() ? attached.join() : null;
        }

        void close() {
            QueueScreen s = screen();
            if (s != null) {
                s.close().run();
            }
        }
    }

    private final ConnectionManager connections;
    private final Function<ConnectionSession, SessionViews> sessionViews;
    private final BiFunction<ConnectionSession, String, QueueScreen> queueScreens;
    private final Theme initialTheme;
    private final Map<ConnectionSession, SessionViews> views = new LinkedHashMap<>();
    private final Map<ConnectionSession, Node> bannerOf = new LinkedHashMap<>();
    private final Map<Tab, OpenQueue> screens = new LinkedHashMap<>();
    private final ReadOnlyObjectWrapper<ConnectionSession> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "Bullpen");
    private final InvalidationListener statusChanged = o -> showStatus();
    private final InvalidationListener summaryChanged = o -> showConnectionsSummary();
    private double sidebarWidth = WindowState.DEFAULT_SIDEBAR_WIDTH;

    @FXML
    private BorderPane root;
    @FXML
    private VBox notices;
    @FXML
    private VBox banners;
    @FXML
    private SplitPane split;
    @FXML
    private Node sidebar;
    @FXML
    private SidebarController sidebarController;
    @FXML
    private TabPane tabs;
    @FXML
    private Tab overviewTab;
    @FXML
    private Tab redisTab;
    @FXML
    private Tab chartsTab;
    @FXML
    private Tab alertsTab;
    @FXML
    private HBox alertStatus;
    @FXML
    private MenuItem editConnectionItem;
    @FXML
    private MenuItem saveConnectionItem;
    @FXML
    private MenuItem closeConnectionItem;
    @FXML
    private MenuItem removeConnectionItem;
    @FXML
    private CheckMenuItem sidebarItem;
    @FXML
    private CheckMenuItem darkTheme;
    @FXML
    private Label readOnly;
    @FXML
    private Label connectionsSummary;
    @FXML
    private StatusBar statusBar;
    @FXML
    private Label lastRefresh;

    /**
     * @param sessionViews builds the overview and Redis screens of a connection (on the FX thread)
     * @param queueScreens builds the screen of a queue of a connection (on the FX thread); its
     *                     {@link QueueScreen#start()} runs once it is in its tab
     * @param initialTheme the theme the window opens with
     */
    public MainWindowController(ConnectionManager connections, Function<ConnectionSession, SessionViews> sessionViews,
                                BiFunction<ConnectionSession, String, QueueScreen> queueScreens, Theme initialTheme) {
        this.connections = connections;
        this.sessionViews = sessionViews;
        this.queueScreens = queueScreens;
        this.initialTheme = initialTheme;
    }

    // ---------------------------------------------------------------- connections (ConnectionManager.View)

    @Override
    public void opened(ConnectionSession session) {
        views.put(session, sessionViews.apply(session));
        boolean asks = connections.asksPassword(session.id());
        Node banner = ConnectionBanner.of(session, asks, () -> connections.askPasswordAgain(session.id()));
        bannerOf.put(session, banner);
        banners.getChildren().add(banner);
        session.overview().connectionProperty().addListener(summaryChanged);
        relabel();
        bringToFront(session, true);
    }

    @Override
    public void closed(ConnectionSession session) {
        for (Map.Entry<Tab, OpenQueue> e : new ArrayList<>(screens.entrySet())) {
            if (e.getValue().session() == session) {
                tabs.getTabs().remove(e.getKey()); // its onClosed does not run: stop it here
                screens.remove(e.getKey()).close();
            }
        }
        session.overview().connectionProperty().removeListener(summaryChanged);
        banners.getChildren().remove(bannerOf.remove(session));
        views.remove(session);
        if (current.get() == session) {
            List<ConnectionSession> left = new ArrayList<>(views.keySet());
            show(left.isEmpty() ? null : left.get(left.size() - 1));
        }
        relabel();
    }

    @Override
    public void bringToFront(ConnectionSession session, boolean showOverview) {
        show(session);
        if (showOverview) {
            tabs.getSelectionModel().select(overviewTab);
        }
    }

    @Override
    public void openQueue(ConnectionSession session, String name) {
        openQueueTab(session, name);
    }

    /**
     * Opens the queue's tab (or selects it when open) at once, with "Opening…" in it; its screen is built in a later
     * event of the FX thread (so that the click returns at once and the FXML load and the first styling of the new
     * screen are two separate waits, not one), shows in the tab and starts reading the queue. The result completes
     * on the FX thread then (exceptionally when the screen could not be built or the tab was closed first).
     *
     * <p>Why not off the FX thread (docs/decisions/0018): JavaFX 21 keeps unsynchronised static state that node
     * construction and styling touch (pseudo-class and style-class registries, the text-measuring layout shared by
     * skins); styling and laying out a throwaway scene on another thread broke the FX thread's own layout pass in two
     * runs out of four.
     */
    public CompletableFuture<QueueScreen> openQueueTab(ConnectionSession session, String name) {
        for (Map.Entry<Tab, OpenQueue> e : screens.entrySet()) {
            if (e.getValue().session() == session && e.getValue().name().equals(name)) {
                tabs.getSelectionModel().select(e.getKey());
                return e.getValue().attached();
            }
        }
        Tab tab = new Tab(name, placeholder("Opening " + name + "…", "queue-opening"));
        tab.setId("queue-tab-" + name);
        tab.setGraphic(AppIcon.QUEUES.node());
        tab.setTooltip(new Tooltip(name + " on " + session.target().title()));
        OpenQueue open = new OpenQueue(session, name, new CompletableFuture<>());
        tab.setOnClosed(e -> {
            OpenQueue q = screens.remove(tab);
            if (q != null) {
                q.close();
                q.attached().completeExceptionally(new CancellationException("the tab of " + name + " was closed"));
            }
        });
        screens.put(tab, open);
        tabs.getTabs().add(tab);
        relabel();
        tabs.getSelectionModel().select(tab);
        Platform.runLater(() -> build(tab, open));
        return open.attached();
    }

    private void build(Tab tab, OpenQueue open) {
        if (screens.get(tab) != open) {
            return; // closed before it was built
        }
        try {
            attach(tab, open, queueScreens.apply(open.session(), open.name()));
        } catch (RuntimeException e) {
            LOG.warn("Queue(name={}) screen not built: {}", open.name(), e.toString());
            if (screens.get(tab) == open) {
                tab.setContent(placeholder("Could not open " + open.name() + ": " + e.getMessage(), "queue-open-error"));
            }
            open.attached().completeExceptionally(e);
        }
    }

    /**
     * Puts the built screen in its tab and starts it (it reads the queue while its parts join, one per pulse); the
     * queue counts as attached once every part is in. On the FX thread.
     */
    private void attach(Tab tab, OpenQueue open, QueueScreen screen) {
        tab.setContent(screen.view());
        CompletableFuture<Void> shown = screen.controller().showInSteps();
        screen.controller().getViewModel().setActive(tabs.getSelectionModel().getSelectedItem() == tab);
        screen.start().run();
        shown.whenComplete((done, failed) -> {
            if (failed != null) {
                LOG.warn("Queue(name={}) screen not shown in full: {}", open.name(), failed.toString());
            }
            if (screens.get(tab) != open) {
                screen.close().run(); // its tab closed while it joined: stop what start began
                return;
            }
            screen.controller().getViewModel().setActive(tabs.getSelectionModel().getSelectedItem() == tab);
            open.attached().complete(screen);
        });
    }

    @Override
    public void notice(String sentence) {
        if (notices.getChildren().stream().anyMatch(n -> n.getUserData() != null && n.getUserData().equals(sentence))) {
            return;
        }
        HBox notice = ConnectionBanner.notice(sentence, n -> notices.getChildren().remove(n));
        notice.setUserData(sentence);
        notices.getChildren().add(notice);
        while (notices.getChildren().size() > MAX_NOTICES) {
            notices.getChildren().remove(0);
        }
    }

    @Override
    public Node owner() {
        return root;
    }

    /** Opens the queue's tab in the connection in front (see {@link #openQueueTab}). */
    public CompletableFuture<QueueScreen> openQueue(String name) {
        ConnectionSession s = current.get();
        return s == null ? CompletableFuture.failedFuture(new IllegalStateException("no connection is open"))
                : openQueueTab(s, name);
    }

    /** The screen of the selected tab, when it is a queue whose screen shows. */
    public Optional<QueueScreen> selectedQueue() {
        return Optional.ofNullable(screens.get(tabs.getSelectionModel().getSelectedItem())).map(OpenQueue::screen);
    }

    /** Stops the background work of every opened queue. */
    public void closeAll() {
        screens.values().forEach(OpenQueue::close);
        screens.clear();
    }

    /** The connection in front: the status bar, the title and the fixed tabs are about it. */
    public ReadOnlyObjectProperty<ConnectionSession> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** {@code Bullpen — <connection in front>}; never a password. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public SidebarController sidebar() {
        return sidebarController;
    }

    /** The window's tabs (the lab adds its screens to its Workers and Load test tabs). */
    public TabPane tabs() {
        return tabs;
    }

    // ---------------------------------------------------------------- the connection in front

    private void show(ConnectionSession session) {
        ConnectionSession was = current.get();
        if (was != null) {
            OverviewViewModel old = was.overview();
            old.connectionProperty().removeListener(statusChanged);
            old.staleProperty().removeListener(statusChanged);
            old.connectionTextProperty().removeListener(statusChanged);
            old.lastRefreshTextProperty().removeListener(statusChanged);
        }
        current.set(session);
        if (session == null) {
            overviewTab.setContent(placeholder("No connection open. Double-click a connection in the sidebar, "
                    + "or add one with Connection → New connection… (Ctrl+N)."));
            redisTab.setContent(placeholder("No connection open."));
            chartsTab.setContent(placeholder("No connection open."));
            alertsTab.setContent(placeholder("No connection open."));
            alertStatus.getChildren().clear();
        } else {
            SessionViews v = views.get(session);
            overviewTab.setContent(v.overview());
            redisTab.setContent(v.redis());
            chartsTab.setContent(v.charts());
            alertsTab.setContent(v.alerts());
            alertStatus.getChildren().setAll(v.alertStatus());
            OverviewViewModel vm = session.overview();
            vm.connectionProperty().addListener(statusChanged);
            vm.staleProperty().addListener(statusChanged);
            vm.connectionTextProperty().addListener(statusChanged);
            vm.lastRefreshTextProperty().addListener(statusChanged);
        }
        showCharts(session);
        showStatus();
        relabel();
    }

    private static Node placeholder(String text) {
        return placeholder(text, "no-connection");
    }

    private static Node placeholder(String text, String id) {
        Label l = new Label(text);
        l.setId(id);
        l.setWrapText(true);
        l.getStyleClass().add("table-placeholder");
        VBox box = new VBox(l);
        box.getStyleClass().add("no-connection");
        return box;
    }

    private void showStatus() {
        ConnectionSession s = current.get();
        if (s == null) {
            statusBar.setText("No connection open");
            statusBar.setGraphic(AppIcon.CONNECTION_CLOSED.node());
            statusBar.pseudoClassStateChanged(DISCONNECTED, false);
            lastRefresh.setText("");
            lastRefresh.pseudoClassStateChanged(STALE, false);
            setVisible(lastRefresh, false);
            setVisible(readOnly, false);
            title.set("Bullpen");
        } else {
            OverviewViewModel vm = s.overview();
            Connection c = vm.getConnection();
            statusBar.setText(vm.getConnectionText());
            statusBar.setGraphic((switch (c) {
                case CONNECTING -> AppIcon.CONNECTING;
                case CONNECTED -> AppIcon.CONNECTED;
                case DISCONNECTED, READ_FAILED -> AppIcon.DISCONNECTED;
            }).node());
            statusBar.pseudoClassStateChanged(DISCONNECTED, c == Connection.DISCONNECTED || c == Connection.READ_FAILED);
            lastRefresh.setText(vm.getLastRefreshText());
            lastRefresh.pseudoClassStateChanged(STALE, vm.isStale());
            setVisible(lastRefresh, true);
            setVisible(readOnly, s.readOnly());
            title.set("Bullpen — " + s.target().title());
        }
        boolean saved = s != null && connections.isSaved(s.id());
        editConnectionItem.setDisable(!saved);
        removeConnectionItem.setDisable(!saved);
        saveConnectionItem.setDisable(s == null || saved);
        closeConnectionItem.setDisable(s == null);
        showConnectionsSummary();
    }

    /** "3 connections · 1 disconnected" when more than one is open. */
    private void showConnectionsSummary() {
        int open = views.size();
        long down = views.keySet().stream().map(s -> s.overview().getConnection())
                .filter(c -> c == Connection.DISCONNECTED || c == Connection.READ_FAILED).count();
        connectionsSummary.setText(open + " connections" + (down == 0 ? "" : " · " + down + " disconnected"));
        connectionsSummary.pseudoClassStateChanged(DISCONNECTED, down > 0);
        setVisible(connectionsSummary, open > 1);
    }

    private static void setVisible(Node n, boolean visible) {
        n.setVisible(visible);
        n.setManaged(visible);
    }

    /** With several connections open, tabs name theirs: "Queues · staging", "checkout · staging". */
    private void relabel() {
        boolean several = views.size() > 1;
        ConnectionSession s = current.get();
        String suffix = several && s != null ? " · " + s.name() : "";
        overviewTab.setText("Queues" + suffix);
        chartsTab.setText("Charts" + suffix);
        alertsTab.setText("Alerts" + suffix);
        redisTab.setText("Redis" + suffix);
        screens.forEach((tab, q) -> tab.setText(q.name() + (several ? " · " + q.session().name() : "")));
    }

    // ---------------------------------------------------------------- window state

    /** Applies what the window remembered: sidebar width and visibility. Call before the window shows. */
    public void restore(WindowState state) {
        sidebarWidth = state.sidebarWidth();
        sidebarItem.setSelected(state.sidebarVisible());
    }

    /** The sidebar's width now (or when last shown), for the window state. */
    public double sidebarWidth() {
        if (sidebarItem.isSelected() && sidebar.getScene() != null && ((javafx.scene.layout.Region) sidebar).getWidth() > 0) {
            sidebarWidth = ((javafx.scene.layout.Region) sidebar).getWidth();
        }
        return sidebarWidth;
    }

    public boolean sidebarVisible() {
        return sidebarItem.isSelected();
    }

    public Theme theme() {
        return darkTheme.isSelected() ? Theme.DARK : Theme.LIGHT;
    }

    private void showSidebar(boolean show) {
        if (!show) {
            sidebarWidth();
            split.getItems().remove(sidebar);
            return;
        }
        if (!split.getItems().contains(sidebar)) {
            split.getItems().add(0, sidebar);
        }
        placeDivider();
    }

    /** Puts the divider where the sidebar gets its remembered width, once the split pane has a width. */
    private void placeDivider() {
        if (split.getWidth() > 0) {
            split.setDividerPositions(Math.min(0.6, sidebarWidth / split.getWidth()));
            return;
        }
        split.widthProperty().addListener(new InvalidationListener() {
            @Override
            public void invalidated(javafx.beans.Observable o) {
                if (split.getWidth() > 0) {
                    split.widthProperty().removeListener(this);
                    Platform.runLater(() -> split.setDividerPositions(Math.min(0.6, sidebarWidth / split.getWidth())));
                }
            }
        });
    }

    // ---------------------------------------------------------------- menu handlers

    @FXML
    private void newConnection() {
        connections.add();
    }

    @FXML
    private void editConnection() {
        Optional.ofNullable(current.get()).ifPresent(s -> connections.edit(s.id()));
    }

    @FXML
    private void saveConnection() {
        Optional.ofNullable(current.get()).ifPresent(s -> connections.save(s.id()));
    }

    @FXML
    private void closeConnection() {
        Optional.ofNullable(current.get()).ifPresent(s -> connections.close(s.id()));
    }

    @FXML
    private void removeConnection() {
        Optional.ofNullable(current.get()).ifPresent(s -> connections.remove(s.id()));
    }

    @FXML
    private void quit() {
        root.getScene().getWindow().hide();
    }

    @FXML
    private void refresh() {
        Tab selected = tabs.getSelectionModel().getSelectedItem();
        if (screens.containsKey(selected) && selectedQueue().isEmpty()) {
            return; // the queue's screen is still being built: it reads the queue as soon as it shows
        }
        selectedQueue().ifPresentOrElse(s -> s.controller().refresh(),
                () -> Optional.ofNullable(current.get()).ifPresent(ConnectionSession::refresh));
    }

    @FXML
    private void find() {
        if (screens.containsKey(tabs.getSelectionModel().getSelectedItem()) && selectedQueue().isEmpty()) {
            return;
        }
        selectedQueue().ifPresentOrElse(s -> s.controller().focusSearch(), () -> {
            if (!sidebarItem.isSelected()) {
                sidebarItem.setSelected(true);
            }
            sidebarController.focusFilter();
        });
    }

    @FXML
    private void showOverview() {
        tabs.getSelectionModel().select(overviewTab);
    }

    // ---------------------------------------------------------------- charts and alerts tabs

    @FXML
    private void showCharts() {
        tabs.getSelectionModel().select(chartsTab);
    }

    @FXML
    private void showAlerts() {
        tabs.getSelectionModel().select(alertsTab);
    }

    /** Selects the tab with that id (e.g. {@code alerts-tab}), when there is one. */
    public void showTab(String tabId) {
        tabs.getTabs().stream().filter(t -> tabId.equals(t.getId())).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    /** Only the charts of the connection in front read Redis, and only while their tab shows. */
    private void showCharts(ConnectionSession front) {
        views.forEach((session, v) -> v.chartsShown().accept(session == front && chartsTab.isSelected()));
    }

    @FXML
    private void showRedis() {
        tabs.getSelectionModel().select(redisTab);
    }

    private void applyTheme(Theme theme) {
        if (root.getScene() == null) {
            return;
        }
        List<String> sheets = new ArrayList<>(List.of(Theme.LIGHT.stylesheetUrl()));
        if (theme == Theme.DARK) {
            sheets.add(Theme.DARK.stylesheetUrl());
        }
        root.getScene().getStylesheets().setAll(sheets);
    }

    @FXML
    private void initialize() {
        statusBar.setText("");
        lastRefresh.setGraphic(AppIcon.LAST_REFRESH.node());
        readOnly.setGraphic(AppIcon.READ_ONLY.node());
        darkTheme.setSelected(initialTheme == Theme.DARK);
        darkTheme.selectedProperty().addListener((o, was, now) -> applyTheme(now ? Theme.DARK : Theme.LIGHT));
        root.sceneProperty().addListener((o, was, now) -> applyTheme(theme()));
        SplitPane.setResizableWithParent(sidebar, false);
        sidebarItem.selectedProperty().addListener((o, was, now) -> showSidebar(now));
        placeDivider();
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            screens.forEach((tab, q) -> {
                QueueScreen built = q.screen();
                if (built != null) {
                    built.controller().getViewModel().setActive(tab == now);
                }
            });
            OpenQueue q = screens.get(now);
            if (q != null && q.session() != current.get()) {
                show(q.session());
            }
        });
        chartsTab.selectedProperty().addListener((o, was, now) -> showCharts(current.get()));
        show(null);
    }
}
