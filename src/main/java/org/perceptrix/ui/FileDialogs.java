package org.perceptrix.ui;

import java.nio.file.Path;
import java.util.Optional;

import javafx.stage.FileChooser;
import javafx.stage.Window;

import org.perceptrix.i18n.Messages;
import org.perceptrix.project.ProjectFiles;

/** Asks for a file to open or save; tests replace it, since native choosers cannot be driven headless. */
public interface FileDialogs {
    Optional<Path> chooseOpen(Window owner);

    Optional<Path> chooseSave(Window owner, String suggestedName);

    /** The platform's file choosers, filtered to project files. */
    static FileDialogs platform() {
        return new FileDialogs() {
            private FileChooser chooser(String titleKey) {
                FileChooser c = new FileChooser();
                c.setTitle(Messages.get(titleKey));
                c.getExtensionFilters().add(new FileChooser.ExtensionFilter(Messages.get("file.filter"),
                        "*" + ProjectFiles.EXTENSION));
                return c;
            }

            @Override
            public Optional<Path> chooseOpen(Window owner) {
                return Optional.ofNullable(chooser("menu.open").showOpenDialog(owner)).map(java.io.File::toPath);
            }

            @Override
            public Optional<Path> chooseSave(Window owner, String suggestedName) {
                FileChooser c = chooser("menu.saveAs");
                c.setInitialFileName(suggestedName + ProjectFiles.EXTENSION);
                return Optional.ofNullable(c.showSaveDialog(owner)).map(java.io.File::toPath);
            }
        };
    }
}
