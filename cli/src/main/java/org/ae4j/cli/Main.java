package org.ae4j.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ae4j.core.train.TrainingListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ae4j} command. */
@Command(name = "ae4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Train, evaluate and use regularized autoencoders.",
        subcommands = {TrainCommand.class, EncodeCommand.class, ReconstructCommand.class, ScoreCommand.class,
                EvalCommand.class, ReportCommand.class, ExportCommand.class, PluginsCommand.class,
                DatasetsCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code for bad usage, unknown plugins, unreadable data: anything the user can fix. */
    public static final int EXIT_USAGE = 2;
    /** Exit code for a training run that failed (e.g. diverged). */
    public static final int EXIT_FAILED = 1;

    static {
        // Pictures for reports are drawn with java.awt off-screen; never try to reach a display.
        System.setProperty("java.awt.headless", "true");
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** How models are written and read: {@link OnnxModelFiles}, or a stand-in in tests. */
    final ModelFiles modelFiles;
    /** Extra listeners of every training run (tests use them to interrupt a run). */
    final List<TrainingListener> listeners;

    Main(ModelFiles modelFiles, List<TrainingListener> listeners) {
        this.modelFiles = modelFiles;
        this.listeners = List.copyOf(listeners);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(String... args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        return run(out, err, new OnnxModelFiles(), args);
    }

    /** Runs the command line with the given streams and model-file implementation; returns the exit code. */
    static int run(PrintWriter out, PrintWriter err, ModelFiles files, String... args) {
        return run(out, err, files, List.of(), args);
    }

    /** As {@link #run(PrintWriter, PrintWriter, ModelFiles, String...)}, with extra training listeners. */
    static int run(PrintWriter out, PrintWriter err, ModelFiles files, List<TrainingListener> listeners,
                   String... args) {
        try {
            String[] expanded;
            try {
                expanded = ConfigFile.expand(() -> commandLine(files, out, err), args);
            } catch (ConfigFile.ConfigException e) {
                err.println("ae4j: error: " + e.getMessage());
                return EXIT_USAGE;
            }
            return commandLine(files, listeners, out, err).execute(expanded);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The configured picocli command line: one-line errors, exit codes. */
    static CommandLine commandLine(ModelFiles files, PrintWriter out, PrintWriter err) {
        return commandLine(files, List.of(), out, err);
    }

    private static CommandLine commandLine(ModelFiles files, List<TrainingListener> listeners, PrintWriter out,
                                           PrintWriter err) {
        CommandLine cl = new CommandLine(new Main(files, listeners));
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            String help = cmd.getCommandSpec().qualifiedName() + " --help";
            cmd.getErr().println("ae4j: error: " + firstLine(e.getMessage()) + " (see '" + help + "')");
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            int code = Errors.exitCode(e);
            if (code < 0) {
                throw e;
            }
            cmd.getErr().println("ae4j: error: " + Errors.message(e));
            return code;
        });
        return cl;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "bad usage";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
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
