package dev.bullpen.app.mainwindow;

import dev.bullpen.app.connections.ConnectionSession;
import dev.bullpen.app.icons.AppIcon;
import dev.bullpen.app.overview.OverviewViewModel;
import javafx.beans.binding.BooleanExpression;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Window-wide strips above the tabs: one per open connection while it is disconnected, and notices. */
final class ConnectionBanner {
    private ConnectionBanner() {
    }

    /**
     * The connection's banner, shown while its reads fail ("Disconnected from … — retrying", the cause,
     * the next attempt, how old the data is), with "Enter password…" when Redis refused the login of
     * a connection whose password is asked for.
     */
    static HBox of(ConnectionSession session, boolean canAskPassword, Runnable askPassword) {
        OverviewViewModel vm = session.overview();
        Label title = new Label();
        title.setId("connection-banner");
        title.getStyleClass().add("banner-title");
        title.setWrapText(true);
        title.setGraphic(AppIcon.ALERT.node());
        title.textProperty().bind(vm.bannerTextProperty());
        Label detail = new Label();
        detail.setId("connection-banner-detail");
        detail.getStyleClass().add("banner-detail");
        detail.setWrapText(true);
        detail.textProperty().bind(vm.bannerDetailProperty());
        VBox text = new VBox(title, detail);
        text.getStyleClass().add("banner-text");
        Region space = new Region();
        HBox.setHgrow(space, Priority.ALWAYS);
        HBox banner = new HBox(text, space);
        banner.getStyleClass().addAll("banner", "banner-disconnected");
        banner.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        if (canAskPassword) {
            Button password = new Button("Enter password…");
            password.setId("banner-password");
            password.setOnAction(e -> askPassword.run());
            BooleanExpression show = vm.loginRefusedProperty();
            password.visibleProperty().bind(show);
            password.managedProperty().bind(show);
            banner.getChildren().add(password);
        }
        banner.visibleProperty().bind(vm.bannerVisibleProperty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    /** A notice the user closes: something did not work (a file, a missing variable), said once. */
    static HBox notice(String sentence, java.util.function.Consumer<HBox> close) {
        Label text = new Label(sentence, AppIcon.NOTICE.node());
        text.setId("window-notice");
        text.setWrapText(true);
        text.getStyleClass().add("notice-text");
        Region space = new Region();
        HBox.setHgrow(space, Priority.ALWAYS);
        Button dismiss = new Button(null, AppIcon.CLOSE.node());
        dismiss.getStyleClass().add("notice-close");
        dismiss.setId("window-notice-close");
        HBox notice = new HBox(text, space, dismiss);
        notice.getStyleClass().addAll("banner", "banner-notice");
        notice.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        dismiss.setOnAction(e -> close.accept(notice));
        return notice;
    }
}
