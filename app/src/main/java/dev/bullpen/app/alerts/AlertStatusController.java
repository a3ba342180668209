package dev.bullpen.app.alerts;

import dev.bullpen.app.icons.AppIcon;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;

/** The status bar's alert item ({@code alert_status.fxml}): how many alerts hold; a click shows them. */
public final class AlertStatusController {
    private static final PseudoClass RAISED = PseudoClass.getPseudoClass("raised");

    private final AlertsViewModel viewModel;
    private final Runnable showAlerts;

    @FXML
    private Label alertStatus;

    /** @param showAlerts brings the alerts screen to the front */
    public AlertStatusController(AlertsViewModel viewModel, Runnable showAlerts) {
        this.viewModel = viewModel;
        this.showAlerts = showAlerts;
    }

    @FXML
    private void initialize() {
        alertStatus.textProperty().bind(viewModel.statusTextProperty());
        alertStatus.setCursor(Cursor.HAND);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(viewModel.statusDetailProperty());
        alertStatus.setOnMouseClicked(e -> showAlerts.run());
        viewModel.activeCountProperty().addListener((o, was, now) -> show(now.intValue(), tip));
        show(viewModel.getActiveCount(), tip);
    }

    private void show(int active, Tooltip tip) {
        alertStatus.setGraphic((active > 0 ? AppIcon.ALERTS_RAISED : AppIcon.ALERTS).node());
        alertStatus.pseudoClassStateChanged(RAISED, active > 0);
        alertStatus.setTooltip(active > 0 ? tip : null);
    }
}
