package org.perceptrix.cli;

import picocli.CommandLine.Command;

/** The top-level {@code perceptrix} command. */
@Command(name = "perceptrix", mixinStandardHelpOptions = true, version = "Perceptrix 0.1",
        description = "Design, train and evaluate neural networks. Without a command, the app window opens.",
        subcommands = {ValidateCommand.class, TrainCommand.class, EvaluateCommand.class, PredictCommand.class,
                SearchCommand.class, BenchCommand.class})
final class PerceptrixCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
