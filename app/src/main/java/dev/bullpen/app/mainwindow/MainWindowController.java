package dev.bullpen.app.mainwindow;

import dev.bullpen.app.icons.AppIcon;
import dev.bullpen.app.overview.OverviewViewModel;
import dev.bullpen.app.overview.OverviewViewModel.Connection;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import org.controlsfx.control.StatusBar;

/** Binds the window frame (connection banner, status bar) of {@code main_window.fxml}. */
public final class MainWindowController {
    private static final PseudoClass DISCONNECTED = PseudoClass.getPseudoClass("disconnected");
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");

    private final OverviewViewModel viewModel;

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

    public MainWindowController(OverviewViewModel viewModel) {
        this.viewModel = viewModel;
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
