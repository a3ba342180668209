package dev.bullpen.app.jobs;

import dev.bullpen.app.fx.PulseSteps;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;

/** Binds {@code job_detail.fxml} to the {@link JobDetailViewModel}. */
public final class JobDetailController {
    /** The body's children before it are the timeline and the facts; from it on, the titled sections. */
    private static final int FIRST_SECTION = 2;
    private final JobDetailViewModel viewModel;

    @FXML
    private Label title;
    @FXML
    private Label stateBadge;
    @FXML
    private Button copyButton;
    @FXML
    private Label message;
    @FXML
    private ScrollPane scroll;
    @FXML
    private VBox body;
    @FXML
    private Label created;
    @FXML
    private Label started;
    @FXML
    private Label finished;
    @FXML
    private Label waitTime;
    @FXML
    private Label runTime;
    @FXML
    private Label attempts;
    @FXML
    private Label progress;
    @FXML
    private TitledPane errorPane;
    @FXML
    private Label failedReason;
    @FXML
    private TextArea stacktraces;
    @FXML
    private Label dataSummary;
    @FXML
    private Button showAllButton;
    @FXML
    private TreeView<String> dataTree;
    @FXML
    private TextArea dataRaw;
    @FXML
    private TextArea returnValue;
    @FXML
    private TextArea options;
    @FXML
    private TitledPane logsPane;
    @FXML
    private ListView<String> logs;

    public JobDetailController(JobDetailViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        title.textProperty().bind(viewModel.titleProperty());
        stateBadge.textProperty().bind(viewModel.stateProperty());
        viewModel.stateProperty().addListener((o, was, now) -> {
            stateBadge.getStyleClass().removeIf(c -> c.startsWith("state-is-"));
            stateBadge.getStyleClass().add("state-is-" + now);
        });
        visibleWhen(stateBadge, viewModel.presentProperty());
        copyButton.disableProperty().bind(viewModel.presentProperty().not());
        message.textProperty().bind(viewModel.messageProperty());
        visibleWhen(message, viewModel.messageProperty().isNotEmpty());
        scroll.visibleProperty().bind(viewModel.presentProperty());
        attachBodyWhenAJobShows();

        created.textProperty().bind(viewModel.createdProperty());
        started.textProperty().bind(viewModel.startedProperty());
        finished.textProperty().bind(viewModel.finishedProperty());
        waitTime.textProperty().bind(Bindings.concat("↳ waited ", viewModel.waitTimeProperty()));
        runTime.textProperty().bind(Bindings.concat("↳ ran ", viewModel.runTimeProperty()));
        attempts.textProperty().bind(Bindings.concat("Attempts made: ", viewModel.attemptsProperty()));
        progress.textProperty().bind(Bindings.concat("Progress: ", viewModel.progressProperty()));

        failedReason.textProperty().bind(viewModel.failedReasonProperty());
        visibleWhen(errorPane, viewModel.failedReasonProperty().isNotEmpty()
                .or(Bindings.isNotEmpty(viewModel.stacktraces())));
        viewModel.stacktraces().addListener((ListChangeListener<String>) c -> showStacktraces());
        visibleWhen(stacktraces, Bindings.isNotEmpty(viewModel.stacktraces()));

        dataSummary.textProperty().bind(viewModel.dataSummaryProperty());
        visibleWhen(showAllButton, viewModel.dataTruncatedProperty());
        visibleWhen(dataTree, viewModel.dataTreeProperty().isNotNull());
        visibleWhen(dataRaw, viewModel.dataTreeProperty().isNull().and(viewModel.dataRawProperty().isNotEmpty()));
        dataRaw.textProperty().bind(viewModel.dataRawProperty());
        viewModel.dataTreeProperty().addListener((o, was, now) -> dataTree.setRoot(now == null ? null : item(now, 0)));

        returnValue.textProperty().bind(viewModel.returnValueProperty());
        options.textProperty().bind(viewModel.optionsProperty());
        logs.setItems(viewModel.logs());
        logsPane.textProperty().bind(Bindings.concat("Logs (", Bindings.size(viewModel.logs()), ")"));
    }

    /**
     * The body (timeline, error, data tree, return value, options, logs: text areas, a tree and a list, the costliest
     * part of a queue tab to style and lay out) joins the scene only when the first job shows, so that opening a queue
     * tab does not pay for it on the FX thread; it stays once added. Its sections then join one per pulse below the
     * timeline (docs/decisions/0020): styled all at once the first time they held the FX thread about 40 ms.
     */
    private void attachBodyWhenAJobShows() {
        Pane parent = (Pane) scroll.getParent();
        int at = parent.getChildren().indexOf(scroll);
        if (viewModel.presentProperty().get()) {
            return;
        }
        parent.getChildren().remove(at);
        List<Node> sections = List.copyOf(body.getChildren().subList(FIRST_SECTION, body.getChildren().size()));
        body.getChildren().removeAll(sections);
        viewModel.presentProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                if (now) {
                    viewModel.presentProperty().removeListener(this);
                    parent.getChildren().add(Math.min(at, parent.getChildren().size()), scroll);
                    PulseSteps.onePerPulse(sections.stream().<Runnable>map(s -> () -> body.getChildren().add(s))
                            .toList());
                }
            }
        });
    }

    private static void visibleWhen(javafx.scene.Node node, javafx.beans.value.ObservableBooleanValue when) {
        node.visibleProperty().bind(when);
        node.managedProperty().bind(when);
    }

    private void showStacktraces() {
        StringBuilder sb = new StringBuilder();
        int n = viewModel.stacktraces().size();
        for (int i = 0; i < n; i++) {
            if (n > 1) {
                sb.append(i == 0 ? "── attempt " + n + " (newest) ──\n" : "── attempt " + (n - i) + " ──\n");
            }
            sb.append(viewModel.stacktraces().get(i)).append('\n');
        }
        stacktraces.setText(sb.toString());
    }

    /** Tree items for an entry: the first two levels open, deeper ones collapsed. */
    private static TreeItem<String> item(JsonEntry entry, int depth) {
        TreeItem<String> item = new TreeItem<>(entry.label());
        for (JsonEntry child : entry.children()) {
            item.getChildren().add(item(child, depth + 1));
        }
        item.setExpanded(depth < 2);
        return item;
    }

    @FXML
    private void copyJson() {
        ClipboardContent content = new ClipboardContent();
        content.putString(viewModel.copyAsJson());
        Clipboard.getSystemClipboard().setContent(content);
    }

    @FXML
    private void showAll() {
        viewModel.showAllData();
    }
}
