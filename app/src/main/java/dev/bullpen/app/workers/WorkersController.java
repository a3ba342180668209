package dev.bullpen.app.workers;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;

/** Binds {@code workers.fxml} to the {@link WorkersViewModel}. */
public final class WorkersController {
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");

    private final WorkersViewModel viewModel;
    private final Consumer<Boolean> showing;

    @FXML
    private BorderPane root;
    @FXML
    private Label where;
    @FXML
    private Label message;
    @FXML
    private TextField count;
    @FXML
    private TextField concurrency;
    @FXML
    private Button apply;
    @FXML
    private Button stop;
    @FXML
    private Label embeddedSummary;
    @FXML
    private TableView<WorkersViewModel.EmbeddedRow> embedded;
    @FXML
    private Label connectedSummary;
    @FXML
    private TableView<WorkersViewModel.ConnectedRow> connected;

    /** @param showing told whether the screen shows (its tab selected), to read Redis only then */
    public WorkersController(WorkersViewModel viewModel, Consumer<Boolean> showing) {
        this.viewModel = viewModel;
        this.showing = showing;
    }

    public WorkersViewModel getViewModel() {
        return viewModel;
    }

    @FXML
    private void initialize() {
        // a tab's content sits in a region the tab pane shows only while the tab is selected
        root.parentProperty().addListener((o, was, now) -> {
            if (now != null) {
                now.visibleProperty().addListener((v, hidden, visible) -> showing.accept(visible));
                showing.accept(now.isVisible());
            }
        });
        where.setText(viewModel.where());
        message.textProperty().bind(viewModel.messageProperty());
        viewModel.messageIsErrorProperty().addListener((o, was, now) -> message.pseudoClassStateChanged(ERROR, now));
        count.textProperty().bindBidirectional(viewModel.countProperty());
        concurrency.textProperty().bindBidirectional(viewModel.concurrencyProperty());
        var blocked = viewModel.busyProperty().or(Bindings.createBooleanBinding(viewModel::readOnly));
        apply.disableProperty().bind(blocked);
        stop.disableProperty().bind(blocked.or(Bindings.isEmpty(viewModel.embedded())));
        embeddedSummary.textProperty().bind(viewModel.embeddedSummaryProperty());
        connectedSummary.textProperty().bind(viewModel.connectedSummaryProperty());
        columns(embedded, List.of("worker", "jobs at once", "started", "completed", "failed attempts",
                "failed for good"), List.of(WorkersViewModel.EmbeddedRow::number,
                WorkersViewModel.EmbeddedRow::concurrency, WorkersViewModel.EmbeddedRow::started,
                WorkersViewModel.EmbeddedRow::completed, WorkersViewModel.EmbeddedRow::failedAttempts,
                WorkersViewModel.EmbeddedRow::failedForGood));
        embedded.setItems(viewModel.embedded());
        embedded.setPlaceholder(new Label("No worker started here."));
        columns(connected, List.of("queue", "kind", "process", "address", "connected for", "idle", "last command",
                "client library"), List.of(WorkersViewModel.ConnectedRow::queue, WorkersViewModel.ConnectedRow::kind,
                WorkersViewModel.ConnectedRow::process, WorkersViewModel.ConnectedRow::address,
                WorkersViewModel.ConnectedRow::connectedFor, WorkersViewModel.ConnectedRow::idle,
                WorkersViewModel.ConnectedRow::command, WorkersViewModel.ConnectedRow::library));
        connected.setItems(viewModel.connected());
        connected.setPlaceholder(new Label("No worker is connected for these prefixes."));
    }

    private static <T> void columns(TableView<T> table, List<String> titles, List<Function<T, String>> values) {
        for (int i = 0; i < titles.size(); i++) {
            Function<T, String> value = values.get(i);
            TableColumn<T, String> c = new TableColumn<>(titles.get(i));
            c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
            table.getColumns().add(c);
        }
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    }

    @FXML
    private void apply() {
        viewModel.apply();
    }

    @FXML
    private void stop() {
        viewModel.stopAll();
    }
}
