package dev.bullpen.app.queue;

import dev.bullpen.app.fx.Confirmer;
import dev.bullpen.app.fx.Dialogs;
import dev.bullpen.monitor.JobExport;
import dev.bullpen.queue.JobState;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * "Export…": the selected jobs or every job of the selected state, as CSV or JSON, to a file (typed
 * or chosen with Browse…). Says whether personal fields will be masked; asks before replacing a
 * file. The export itself runs in the background ({@link QueueActionsViewModel#exportState}).
 */
final class ExportDialog {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    /**
     * What the screen shows when the dialog opens.
     *
     * @param selected    ids of the selected rows, in table order
     * @param listedState the state those rows were listed in
     * @param state       the selected state tab
     * @param stateCount  its count
     */
    record Scope(String queue, List<String> selected, String listedState, JobState state, long stateCount) {
    }

    private ExportDialog() {
    }

    static void show(Node owner, QueueActionsViewModel actions, Confirmer confirmer, Scope scope) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("Bullpen — export jobs of " + scope.queue());
        dialog.setHeaderText("Export jobs of " + scope.queue());
        Dialogs.ownedBy(dialog, owner);
        ToggleGroup what = new ToggleGroup();
        int n = scope.selected().size();
        RadioButton selected = radio("export-selected", n == 1 ? "The selected job (" + scope.selected().get(0) + ")"
                : String.format(Locale.ROOT, "The %,d selected jobs", n), what);
        selected.setDisable(n == 0);
        RadioButton all = radio("export-state", String.format(Locale.ROOT, "All %,d %s jobs", scope.stateCount(),
                scope.state().bullName()), what);
        what.selectToggle(n >= 2 ? selected : all);

        ToggleGroup format = new ToggleGroup();
        RadioButton csv = radio("export-csv", "CSV (id, name, state, times, attempts, failed reason, data)", format);
        RadioButton json = radio("export-json", "JSON (an array of jobs as 'jobs show --json' prints them)", format);
        csv.setUserData(JobExport.Format.CSV);
        json.setUserData(JobExport.Format.JSON);
        format.selectToggle(csv);

        TextField file = new TextField(defaultFile(scope, JobExport.Format.CSV).toString());
        file.setId("export-file");
        HBox.setHgrow(file, Priority.ALWAYS);
        Button browse = new Button("Browse…");
        browse.setId("export-browse");
        browse.setOnAction(e -> browse(owner, file, (JobExport.Format) format.getSelectedToggle().getUserData())
                .ifPresent(p -> file.setText(p.toString())));
        format.selectedToggleProperty().addListener((o, was, now) -> {
            if (was != null && now != null) {
                file.setText(withExtension(file.getText(), (JobExport.Format) was.getUserData(),
                        (JobExport.Format) now.getUserData()));
            }
        });

        boolean masked = !actions.masking().isUnmasked();
        Label note = new Label(masked
                ? "Personal fields (e-mail, names, addresses, phone numbers) are written as ***. To export them, "
                        + "unmask this screen first."
                : "Personal fields are NOT masked: the file will hold personal data. It is readable by you only.");
        note.setId("export-mask-note");
        note.setWrapText(true);
        note.getStyleClass().add(masked ? "export-note" : "validation-error");
        Label error = new Label();
        error.setId("export-error");
        error.getStyleClass().add("validation-error");
        error.setWrapText(true);

        VBox box = new VBox(6, section("Jobs"), selected, all, section("Format"), csv, json, section("File"),
                new HBox(6, file, browse), note, error);
        box.setPadding(new Insets(8));
        box.setPrefWidth(600);
        dialog.getDialogPane().setContent(box);
        dialog.setResizable(true);
        ButtonType export = new ButtonType("Export", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(export, ButtonType.CANCEL);
        Button exportButton = (Button) dialog.getDialogPane().lookupButton(export);
        Runnable validate = () -> {
            String problem = problem(file.getText()).orElse("");
            error.setText(problem);
            exportButton.setDisable(!problem.isEmpty());
        };
        file.textProperty().addListener((o, was, now) -> validate.run());
        validate.run();
        exportButton.addEventFilter(ActionEvent.ACTION, e -> {
            Path target = Path.of(file.getText().trim());
            if (Files.exists(target) && !confirmer.confirm(dialog.getDialogPane(), "Replace " + target
                    + "? It is replaced only when the export is complete.", "Replace")) {
                e.consume();
                return;
            }
            JobExport.Format f = (JobExport.Format) format.getSelectedToggle().getUserData();
            if (what.getSelectedToggle() == selected) {
                actions.exportJobs(scope.selected(), scope.listedState(), f, target);
            } else {
                actions.exportState(scope.state(), f, target);
            }
        });
        dialog.showAndWait();
    }

    private static RadioButton radio(String id, String text, ToggleGroup group) {
        RadioButton b = new RadioButton(text);
        b.setId(id);
        b.setToggleGroup(group);
        return b;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("dialog-section");
        return l;
    }

    /** What is wrong with the typed file name; empty when it can be written. */
    static Optional<String> problem(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return Optional.of("Give a file to write");
        }
        Path p;
        try {
            p = Path.of(t).toAbsolutePath();
        } catch (InvalidPathException e) {
            return Optional.of("Not a file name: " + e.getReason());
        }
        if (Files.isDirectory(p)) {
            return Optional.of(p + " is a folder; give a file name");
        }
        if (p.getParent() == null || !Files.isDirectory(p.getParent())) {
            return Optional.of("The folder " + p.getParent() + " does not exist");
        }
        return Optional.empty();
    }

    /** {@code ~/Downloads} (or the home folder) / {@code queue-state-20261130-061500.csv}. */
    static Path defaultFile(Scope scope, JobExport.Format format) {
        Path home = Path.of(System.getProperty("user.home"));
        Path dir = Files.isDirectory(home.resolve("Downloads")) ? home.resolve("Downloads") : home;
        String name = (scope.queue() + "-" + scope.state().bullName()).replaceAll("[^A-Za-z0-9._-]", "_")
                + "-" + STAMP.format(LocalDateTime.now()) + "." + format.extension();
        return dir.resolve(name);
    }

    /** The file name with the extension of the new format when it had the old one's. */
    static String withExtension(String file, JobExport.Format was, JobExport.Format now) {
        String old = "." + was.extension();
        return file.toLowerCase(Locale.ROOT).endsWith(old)
                ? file.substring(0, file.length() - old.length()) + "." + now.extension() : file;
    }

    private static Optional<Path> browse(Node owner, TextField file, JobExport.Format format) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export to");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.name() + " files",
                "*." + format.extension()));
        Path current = problem(file.getText()).isEmpty() ? Path.of(file.getText().trim()).toAbsolutePath() : null;
        if (current != null && current.getParent() != null && Files.isDirectory(current.getParent())) {
            chooser.setInitialDirectory(current.getParent().toFile());
            chooser.setInitialFileName(String.valueOf(current.getFileName()));
        }
        File chosen = chooser.showSaveDialog(owner.getScene() == null ? null : owner.getScene().getWindow());
        return Optional.ofNullable(chosen).map(File::toPath);
    }
}
