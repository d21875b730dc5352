package org.perceptrix;

import org.perceptrix.cli.Cli;

/**
 * The jar's entry point. With no arguments it opens the app window; with a command it runs headless.
 * It does not extend {@code Application}, which is what lets JavaFX start from a plain classpath jar.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        org.perceptrix.train.NativeSetup.apply(); // before anything loads ND4J's natives
        if (args.length == 0) {
            org.perceptrix.ui.PerceptrixApp.launchApp(args);
            return;
        }
        System.exit(Cli.run(args));
    }
}
