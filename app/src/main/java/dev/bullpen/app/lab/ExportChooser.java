package dev.bullpen.app.lab;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.Node;
import javafx.stage.FileChooser;

/** Asks where to write an export. Called on the FX thread; tests answer without a dialog. */
@FunctionalInterface
public interface ExportChooser {
    /**
     * @param owner         a node of the asking window
     * @param suggestedName the file name offered, ending in .html or .json
     * @return the file to write, or empty when the user cancels
     */
    Optional<Path> choose(Node owner, String suggestedName);

    /** The platform's save dialog, in the user's home folder. */
    static ExportChooser dialog() {
        return (owner, suggestedName) -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Bullpen — export the run");
            chooser.setInitialFileName(suggestedName);
            boolean html = suggestedName.endsWith(".html");
            chooser.getExtensionFilters().add(html
                    ? new FileChooser.ExtensionFilter("HTML report", "*.html")
                    : new FileChooser.ExtensionFilter("JSON report", "*.json"));
            File home = new File(System.getProperty("user.home"));
            if (home.isDirectory()) {
                chooser.setInitialDirectory(home);
            }
            File f = chooser.showSaveDialog(owner == null || owner.getScene() == null ? null
                    : owner.getScene().getWindow());
            return Optional.ofNullable(f).map(File::toPath);
        };
    }
}
