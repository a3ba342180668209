package dev.bullpen.app.redis;

import dev.bullpen.app.icons.AppIcon;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Label;

/** Binds {@code redis.fxml} to the {@link RedisViewModel}. */
public final class RedisController {
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");

    private final RedisViewModel viewModel;

    @FXML
    private Label title;
    @FXML
    private Label warning;
    @FXML
    private Label version;
    @FXML
    private Label mode;
    @FXML
    private Label usedMemory;
    @FXML
    private Label peakMemory;
    @FXML
    private Label maxMemory;
    @FXML
    private Label evictionPolicy;
    @FXML
    private Label clients;
    @FXML
    private Label opsPerSecond;
    @FXML
    private Label uptime;
    @FXML
    private Label status;

    public RedisController(RedisViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        title.setGraphic(AppIcon.REDIS.node());
        warning.setGraphic(AppIcon.ALERT.node());
        warning.textProperty().bind(viewModel.evictionWarningProperty());
        warning.visibleProperty().bind(viewModel.evictionWarningProperty().isNotEmpty());
        warning.managedProperty().bind(warning.visibleProperty());
        version.textProperty().bind(viewModel.versionProperty());
        mode.textProperty().bind(viewModel.modeProperty());
        usedMemory.textProperty().bind(viewModel.usedMemoryProperty());
        peakMemory.textProperty().bind(viewModel.peakMemoryProperty());
        maxMemory.textProperty().bind(viewModel.maxMemoryProperty());
        evictionPolicy.textProperty().bind(viewModel.evictionPolicyProperty());
        viewModel.evictionWarningProperty().addListener((o, was, now) ->
                evictionPolicy.pseudoClassStateChanged(PseudoClass.getPseudoClass("alert"), !now.isEmpty()));
        clients.textProperty().bind(viewModel.clientsProperty());
        opsPerSecond.textProperty().bind(viewModel.opsPerSecondProperty());
        uptime.textProperty().bind(viewModel.uptimeProperty());
        status.textProperty().bind(viewModel.statusProperty());
        viewModel.staleProperty().addListener((o, was, now) -> status.pseudoClassStateChanged(STALE, now));
    }
}
