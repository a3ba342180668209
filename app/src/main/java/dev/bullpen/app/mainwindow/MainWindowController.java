package dev.bullpen.app.mainwindow;

import dev.bullpen.app.Theme;
import dev.bullpen.app.icons.AppIcon;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import dev.bullpen.app.overview.OverviewViewModel;
import dev.bullpen.app.overview.OverviewViewModel.Connection;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import org.controlsfx.control.StatusBar;

/**
 * Binds the window frame of {@code main_window.fxml}: menu, connection banner, status bar, and the
 * tabs (the overview, then one per opened queue).
 */
public final class MainWindowController {
    private static final PseudoClass DISCONNECTED = PseudoClass.getPseudoClass("disconnected");
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");

    private final OverviewViewModel viewModel;
    private final Function<String, QueueScreen> queueScreens;
    private final boolean readOnlyMode;
    private final Theme initialTheme;
    private final Runnable refreshOverview;
    private final Map<Tab, QueueScreen> screens = new HashMap<>();

    @FXML
    private BorderPane root;
    @FXML
    private TabPane tabs;
    @FXML
    private Tab overviewTab;
    @FXML
    private CheckMenuItem darkTheme;
    @FXML
    private Label readOnly;
    @FXML
    private HBox banner;
    @FXML
    private Label bannerTitle;
    @FXML
    private Label bannerDetail;
    @FXML
    private StatusBar statusBar;
    @FXML
    private Label lastRefresh;

    /**
     * @param queueScreens    builds the screen of a queue (on the FX thread)
     * @param refreshOverview reads the overview again now
     */
    public MainWindowController(OverviewViewModel viewModel, Function<String, QueueScreen> queueScreens,
                                boolean readOnlyMode, Theme initialTheme, Runnable refreshOverview) {
        this.viewModel = viewModel;
        this.queueScreens = queueScreens;
        this.readOnlyMode = readOnlyMode;
        this.initialTheme = initialTheme;
        this.refreshOverview = refreshOverview;
    }

    /** Shows the queue's tab, opening it first when needed. */
    public void openQueue(String name) {
        for (Map.Entry<Tab, QueueScreen> e : screens.entrySet()) {
            if (e.getValue().queue().equals(name)) {
                tabs.getSelectionModel().select(e.getKey());
                return;
            }
        }
        QueueScreen screen = queueScreens.apply(name);
        Tab tab = new Tab(name, screen.view());
        tab.setId("queue-tab-" + name);
        tab.setGraphic(AppIcon.QUEUES.node());
        tab.setOnClosed(e -> screens.remove(tab).close().run());
        screens.put(tab, screen);
        tabs.getTabs().add(tab);
        tabs.getSelectionModel().select(tab);
    }

    /** The screen of the selected tab, when it is a queue. */
    public java.util.Optional<QueueScreen> selectedQueue() {
        return java.util.Optional.ofNullable(screens.get(tabs.getSelectionModel().getSelectedItem()));
    }

    /** Stops the background work of every opened queue. */
    public void closeAll() {
        screens.values().forEach(s -> s.close().run());
        screens.clear();
    }

    @FXML
    private void refresh() {
        selectedQueue().ifPresentOrElse(s -> s.controller().refresh(), refreshOverview);
    }

    @FXML
    private void find() {
        selectedQueue().ifPresent(s -> s.controller().focusSearch());
    }

    @FXML
    private void showOverview() {
        tabs.getSelectionModel().select(overviewTab);
    }

    // ---------------------------------------------------------------- charts and alerts tabs

    @FXML
    private void showCharts() {
        showTab("charts-tab");
    }

    @FXML
    private void showAlerts() {
        showTab("alerts-tab");
    }

    /** Selects the tab with that id (e.g. {@code alerts-tab}), when there is one. */
    public void showTab(String tabId) {
        tabs.getTabs().stream().filter(t -> tabId.equals(t.getId())).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    /** Tells {@code listener} whether the tab with that id is selected: now, and on every change. */
    public void whenTabSelected(String tabId, java.util.function.Consumer<Boolean> listener) {
        tabs.getTabs().stream().filter(t -> tabId.equals(t.getId())).findFirst().ifPresent(t -> {
            listener.accept(t.isSelected());
            t.selectedProperty().addListener((o, was, now) -> listener.accept(now));
        });
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
        banner.visibleProperty().bind(viewModel.bannerVisibleProperty());
        banner.managedProperty().bind(banner.visibleProperty());
        bannerTitle.setGraphic(AppIcon.ALERT.node());
        bannerTitle.textProperty().bind(viewModel.bannerTextProperty());
        bannerDetail.textProperty().bind(viewModel.bannerDetailProperty());

        statusBar.textProperty().bind(viewModel.connectionTextProperty());
        lastRefresh.setGraphic(AppIcon.LAST_REFRESH.node());
        lastRefresh.textProperty().bind(viewModel.lastRefreshTextProperty());
        readOnly.setGraphic(AppIcon.READ_ONLY.node());
        readOnly.setVisible(readOnlyMode);
        readOnly.setManaged(readOnlyMode);
        darkTheme.setSelected(initialTheme == Theme.DARK);
        darkTheme.selectedProperty().addListener((o, was, now) -> applyTheme(now ? Theme.DARK : Theme.LIGHT));
        root.sceneProperty().addListener((o, was, now) -> applyTheme(darkTheme.isSelected() ? Theme.DARK : Theme.LIGHT));
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) ->
                screens.forEach((tab, screen) -> screen.controller().getViewModel().setActive(tab == now)));
        showConnection(viewModel.getConnection());
        viewModel.connectionProperty().addListener((o, was, now) -> showConnection(now));
        viewModel.staleProperty().addListener((o, was, now) ->
                lastRefresh.pseudoClassStateChanged(STALE, now));
    }

    private void showConnection(Connection c) {
        AppIcon icon = switch (c) {
            case CONNECTING -> AppIcon.CONNECTING;
            case CONNECTED -> AppIcon.CONNECTED;
            case DISCONNECTED, READ_FAILED -> AppIcon.DISCONNECTED;
        };
        statusBar.setGraphic(icon.node());
        statusBar.pseudoClassStateChanged(DISCONNECTED, c == Connection.DISCONNECTED || c == Connection.READ_FAILED);
    }
}
