package org.ae4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ae4j} command. */
@Command(name = "ae4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Train, evaluate and use regularized autoencoders.",
        subcommands = {TrainCommand.class, PluginsCommand.class, DatasetsCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code for bad usage, unknown plugins, unreadable data: anything the user can fix. */
    public static final int EXIT_USAGE = 2;
    /** Exit code for a training run that failed (e.g. diverged). */
    public static final int EXIT_FAILED = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof org.ae4j.core.registry.PluginException) {
                cmd.getErr().println("ae4j: error: " + e.getMessage());
                return EXIT_USAGE;
            }
            if (e instanceof org.ae4j.core.train.TrainingDivergedException) {
                cmd.getErr().println("ae4j: error: " + e.getMessage());
                return EXIT_FAILED;
            }
            if (e instanceof java.io.UncheckedIOException || e instanceof java.io.IOException) {
                cmd.getErr().println("ae4j: error: " + e.getMessage());
                return EXIT_USAGE;
            }
            throw e;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"ae4j " + (v == null ? "(development build)" : v)};
        }
    }
}
