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
            if (!org.perceptrix.train.BackgroundThread.concurrentCollector()) {
                org.slf4j.LoggerFactory.getLogger(Launcher.class).info("Started without -XX:+UseZGC: the window may "
                        + "stop for 30-90 ms now and then while a network trains (java -XX:+UseZGC -jar perceptrix.jar)");
            }
            org.perceptrix.ui.PerceptrixApp.launchApp(args);
            return;
        }
        System.exit(Cli.run(args));
    }
}
