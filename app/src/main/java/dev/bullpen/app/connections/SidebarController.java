package dev.bullpen.app.connections;

import dev.bullpen.app.connections.SidebarViewModel.Entry;
import dev.bullpen.app.connections.SidebarViewModel.Status;
import dev.bullpen.app.icons.AppIcon;
import dev.bullpen.app.overview.CountCell;
import dev.bullpen.app.overview.QueueRow;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Binds {@code sidebar.fxml}: the tree connection → queues with waiting and failed counts, the
 * filter, and the actions on a connection (open, close, refresh, edit, save, remove).
 */
public final class SidebarController {
    private static final PseudoClass CONNECTION = PseudoClass.getPseudoClass("connection");
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    private static final PseudoClass CLOSED = PseudoClass.getPseudoClass("closed");

    private final SidebarViewModel viewModel;
    private final ConnectionManager connections;
    private final TreeItem<Object> root = new TreeItem<>();
    private final Map<Entry, TreeItem<Object>> connectionItems = new IdentityHashMap<>();

    @FXML
    private Label title;
    @FXML
    private Button addButton;
    @FXML
    private TextField filter;
    @FXML
    private TreeTableView<Object> tree;
    @FXML
    private TreeTableColumn<Object, Object> nameColumn;
    @FXML
    private TreeTableColumn<Object, Number> waitingColumn;
    @FXML
    private TreeTableColumn<Object, Number> failedColumn;

    public SidebarController(SidebarViewModel viewModel, ConnectionManager connections) {
        this.viewModel = viewModel;
        this.connections = connections;
    }

    public SidebarViewModel getViewModel() {
        return viewModel;
    }

    /** Ctrl+F outside a queue: into the filter. */
    public void focusFilter() {
        filter.requestFocus();
        filter.selectAll();
    }

    @FXML
    private void add() {
        connections.add();
    }

    @FXML
    private void initialize() {
        title.setGraphic(AppIcon.REDIS.node());
        addButton.setGraphic(AppIcon.ADD_CONNECTION.node());
        filter.textProperty().bindBidirectional(viewModel.filterProperty());
        filter.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                filter.clear();
            }
        });
        tree.setRoot(root);
        tree.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY);
        nameColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue()));
        nameColumn.setCellFactory(c -> new NameCell());
        waitingColumn.setCellValueFactory(c -> count(c.getValue().getValue(), true));
        waitingColumn.setCellFactory(c -> new SidebarCountCell(false));
        failedColumn.setCellValueFactory(c -> count(c.getValue().getValue(), false));
        failedColumn.setCellFactory(c -> new SidebarCountCell(true));
        tree.setRowFactory(t -> new Row());
        tree.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                activate(tree.getSelectionModel().getSelectedItem());
                e.consume();
            }
        });
        tree.getSelectionModel().selectedItemProperty().addListener((o, was, now) ->
                entryOf(now).ifPresent(entry -> connections.select(entry.id())));
        viewModel.entries().addListener((ListChangeListener<Entry>) c -> syncConnections());
        syncConnections();
    }

    /** Waiting (waiting + paused jobs) or failed, of a queue or of all queues of a connection. */
    private static ObservableValue<Number> count(Object item, boolean waiting) {
        if (item instanceof QueueRow r) {
            return waiting ? Bindings.add(r.waitingProperty(), r.pausedJobsProperty()) : r.failedProperty();
        }
        if (item instanceof Entry e) {
            return Bindings.createObjectBinding(() -> e.isOpen() && e.getStatus() != Status.CONNECTING
                    ? (Number) (waiting ? e.getTotals().waiting() + e.getTotals().paused() : e.getTotals().failed())
                    : null, e.totalsProperty(), e.statusProperty());
        }
        return new ReadOnlyObjectWrapper<>(null);
    }

    private void syncConnections() {
        List<TreeItem<Object>> items = new ArrayList<>();
        for (Entry e : viewModel.entries()) {
            items.add(connectionItems.computeIfAbsent(e, this::connectionItem));
        }
        connectionItems.keySet().retainAll(viewModel.entries());
        root.getChildren().setAll(items);
    }

    private TreeItem<Object> connectionItem(Entry e) {
        TreeItem<Object> item = new TreeItem<>(e);
        item.setExpanded(true);
        Map<QueueRow, TreeItem<Object>> queueItems = new IdentityHashMap<>();
        Runnable sync = () -> {
            List<TreeItem<Object>> children = new ArrayList<>();
            for (QueueRow r : e.queues()) {
                children.add(queueItems.computeIfAbsent(r, TreeItem::new));
            }
            queueItems.keySet().retainAll(e.queues());
            item.getChildren().setAll(children);
        };
        e.queues().addListener((ListChangeListener<QueueRow>) c -> sync.run());
        sync.run();
        // a change of status, name or staleness restyles the connection's rows
        InvalidationListener restyle = o -> tree.refresh();
        e.statusProperty().addListener(restyle);
        e.summaryProperty().addListener(restyle);
        e.staleProperty().addListener(restyle);
        e.nameProperty().addListener(restyle);
        return item;
    }

    private static Optional<Entry> entryOf(TreeItem<Object> item) {
        if (item == null) {
            return Optional.empty();
        }
        if (item.getValue() instanceof Entry e) {
            return Optional.of(e);
        }
        return item.getParent() != null && item.getParent().getValue() instanceof Entry e
                ? Optional.of(e) : Optional.empty();
    }

    /** Double-click or Enter: a queue opens in a tab; a connection opens, or comes to the front. */
    private void activate(TreeItem<Object> item) {
        if (item == null) {
            return;
        }
        Optional<Entry> entry = entryOf(item);
        if (item.getValue() instanceof QueueRow r && entry.isPresent()) {
            connections.openQueue(entry.get().id(), r.getName());
        } else if (item.getValue() instanceof Entry e) {
            connections.open(e.id());
        }
    }

    private ContextMenu menu(Entry e) {
        List<MenuItem> items = new ArrayList<>();
        if (e.isOpen()) {
            items.add(item("Show queues", "menu-show", () -> connections.open(e.id())));
            items.add(item("Refresh", "menu-refresh", () -> connections.refresh(e.id())));
            items.add(item("Close connection", "menu-close", () -> connections.close(e.id())));
        } else {
            items.add(item("Open", "menu-open", () -> connections.open(e.id())));
        }
        items.add(new SeparatorMenuItem());
        if (e.isSaved()) {
            items.add(item("Edit…", "menu-edit", () -> connections.edit(e.id())));
            items.add(item("Remove…", "menu-remove", () -> connections.remove(e.id())));
        } else {
            items.add(item("Save…", "menu-save", () -> connections.save(e.id())));
        }
        return new ContextMenu(items.toArray(MenuItem[]::new));
    }

    private static MenuItem item(String text, String id, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setId(id);
        m.setOnAction(x -> action.run());
        return m;
    }

    private final class Row extends TreeTableRow<Object> {
        Row() {
            setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !isEmpty()) {
                    activate(getTreeItem());
                }
            });
        }

        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            Entry entry = empty ? null : entryOf(getTreeItem()).orElse(null);
            pseudoClassStateChanged(CONNECTION, item instanceof Entry);
            pseudoClassStateChanged(STALE, entry != null && entry.isStale());
            pseudoClassStateChanged(CLOSED, entry != null && !entry.isOpen());
            setContextMenu(item instanceof Entry e ? menu(e) : null);
        }
    }

    /** A connection: status icon, name, read-only mark, and a line saying where it stands; a queue: its name. */
    private static final class NameCell extends TreeTableCell<Object, Object> {
        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            setTooltip(null);
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            if (item instanceof QueueRow r) {
                setText(r.getName());
                setGraphic(r.isPaused() ? AppIcon.QUEUE_PAUSED.node() : null);
                setTooltip(new Tooltip(r.getName() + (r.isPaused() ? " (paused)" : "")
                        + "\nDouble-click or Enter: open its jobs"));
                return;
            }
            Entry e = (Entry) item;
            AppIcon icon = switch (e.getStatus()) {
                case CLOSED -> AppIcon.CONNECTION_CLOSED;
                case CONNECTING -> AppIcon.CONNECTING;
                case CONNECTED -> AppIcon.CONNECTED;
                case DISCONNECTED, READ_FAILED -> AppIcon.DISCONNECTED;
            };
            String status = "status-" + e.getStatus().name().toLowerCase(Locale.ROOT).replace('_', '-');
            Label name = new Label(e.getName(), icon.node());
            name.getStyleClass().addAll("connection-name", status);
            HBox top = new HBox(4, name);
            if (e.isReadOnly()) {
                Label ro = new Label(null, AppIcon.READ_ONLY.node());
                ro.getStyleClass().add("connection-read-only");
                ro.setTooltip(new Tooltip("Read-only"));
                top.getChildren().add(ro);
            }
            Label summary = new Label(e.getSummary());
            summary.getStyleClass().addAll("connection-summary", status);
            VBox box = new VBox(1, top, summary);
            setText(null);
            setGraphic(box);
            setTooltip(new Tooltip(e.getName() + "\n" + e.getDetail() + "\n" + e.getSummary()
                    + (e.isStale() ? "\nIts queues show the counts last read (stale); it reconnects by itself" : "")
                    + (e.isOpen() ? "" : "\nDouble-click or Enter: open")));
        }
    }

    /** A right-aligned count; failed counts above zero are marked. */
    private static final class SidebarCountCell extends TreeTableCell<Object, Number> {
        private final boolean alertWhenPositive;

        SidebarCountCell(boolean alertWhenPositive) {
            this.alertWhenPositive = alertWhenPositive;
            getStyleClass().add("count-cell");
        }

        @Override
        protected void updateItem(Number n, boolean empty) {
            super.updateItem(n, empty);
            CountCell.show(this, empty ? null : n, alertWhenPositive);
        }
    }
}
