package org.sde4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.sde4j.cli.bench.BenchCommand;
import org.sde4j.cli.command.ConvergenceCommand;
import org.sde4j.cli.command.EstimateCommand;
import org.sde4j.cli.command.GreeksCommand;
import org.sde4j.cli.command.DepthStepsCommand;
import org.sde4j.cli.command.ExperimentCommand;
import org.sde4j.cli.command.FitCommand;
import org.sde4j.cli.command.ListCommand;
import org.sde4j.cli.command.NonLipschitzCommand;
import org.sde4j.cli.command.NotebooksCommand;
import org.sde4j.cli.command.ParameterNames;
import org.sde4j.cli.command.SgdSdeCommand;
import org.sde4j.cli.command.SolveCommand;
import org.sde4j.cli.command.TourCommand;
import org.sde4j.cli.command.TrainCommand;
import org.sde4j.cli.output.Messages;
import org.sde4j.cli.output.OutputTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * The {@code sde4j} command line: {@code list} the problems and schemes, {@code solve} one problem with
 * one scheme, take the {@code tour} of every supported pair, measure a scheme's order of
 * {@code convergence}, {@code estimate} an expectation to a tolerance (multilevel Monte Carlo or QMC),
 * {@code bench} the engine's throughput, {@code train} a network on Fashion-MNIST, {@code fit} an SDE to a series, or run the
 * {@code notebooks}.
 *
 * <p>Exit codes: 0 on success; 2 for a usage error — an unknown option, command, problem or scheme, or
 * a value the library rejects ({@link IllegalArgumentException}) — reported as one line on stderr
 * followed by the valid names; 1 when a run fails ({@link IllegalStateException}, for example a
 * {@link org.sde4j.solver.SolveDivergedException diverged solve}). Output is written in UTF-8.
 *
 * <p>What every command gets from here, so that a new command cannot miss it: its output files and directories
 * (options of type {@link OutputTarget}) are prepared and checked before its work starts; a write error on
 * standard output (a full disk, a closed stream) makes it exit with 1 and a message on stderr; its error
 * messages are one line, with long values cut and the library's parameter names replaced by its options
 * ({@link ParameterNames}); argument files {@code @FILE} are bounded and checked ({@code ArgumentFiles}); and
 * running out of memory is one line, not a stack trace.
 */
@Command(name = "sde4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Stochastic differential equations on the JVM: solvers, problems with exact solutions,"
                + " Monte Carlo ensembles and convergence studies.",
        footer = {"", "New here? Start with 'sde4j tour', then 'sde4j list'."})
public final class Main implements Callable<Integer> {
    /** Exit code of a usage error: unknown option, command, problem or scheme, or a rejected value. */
    public static final int USAGE_ERROR = 2;
    /** Exit code of a run that failed, for example a diverged solve. */
    public static final int RUN_FAILED = 1;

    /**
     * The subcommands, in the order of the usage message. Registered by {@link #commandLine} rather than in
     * the annotation, so that a run of one command builds only that command's model: picocli reads every
     * registered command's annotations by reflection at start-up, about 0.1 s of a cold JVM.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(ListCommand.class, SolveCommand.class, TourCommand.class,
            ConvergenceCommand.class, EstimateCommand.class, BenchCommand.class, TrainCommand.class, FitCommand.class,
            NotebooksCommand.class, ExperimentCommand.class, SgdSdeCommand.class, DepthStepsCommand.class,
            NonLipschitzCommand.class, GreeksCommand.class, CommandLine.HelpCommand.class);

    @Spec
    private CommandSpec spec;

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line on {@code System.out} and {@code System.err}; returns the exit code. */
    public static int run(String... args) {
        return run(System.out, System.err, args);
    }

    /**
     * Runs the command line on the given streams (UTF-8) without exiting; for tests and embedding.
     *
     * @return the exit code: 0 success, 1 run failed, 2 usage error
     */
    public static int run(PrintStream out, PrintStream err, String... args) {
        PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        String who = "sde4j" + (args.length > 0 && SUBCOMMANDS.stream().anyMatch(c -> c != CommandLine.HelpCommand.class
                && c.getAnnotation(Command.class).name().equals(args[0])) ? " " + args[0] : "");
        int code;
        try {
            String[] expanded;
            try {
                expanded = ArgumentFiles.expand(args);
            } catch (IllegalArgumentException ex) {
                e.println(who + ": " + Messages.oneLine(ex.getMessage()));
                return USAGE_ERROR;
            }
            code = commandLine(o, e, expanded.length == 0 ? null : expanded[0]).execute(expanded);
        } catch (OutOfMemoryError ex) {
            e.println(who + ": out of memory (" + Messages.oneLine(ex.getMessage()) + "); raise the heap limit with"
                    + " -Xmx, or ask for a smaller run");
            code = RUN_FAILED;
        } finally {
            o.flush();
            e.flush();
        }
        // PrintStream swallows write errors: ask for them, so that a lost result is never an exit code of 0.
        if (o.checkError() | out.checkError()) {
            e.println(who + ": could not write to standard output (closed, or the disk is full); the results are"
                    + " lost");
            e.flush();
            code = code == 0 ? RUN_FAILED : code;
        }
        return code;
    }

    /** The configured command hierarchy writing to {@code out} and {@code err}. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, null);
    }

    /**
     * The command hierarchy for a command line whose first word is {@code first}: only that subcommand
     * when it names one (other than {@code help}, which lists them all), else every subcommand. The
     * parsed meaning, the output and the errors are the same either way.
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String first) {
        CommandLine cl = new CommandLine(new Main());
        Class<?> only = null;
        for (Class<?> c : SUBCOMMANDS) {
            if (c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(first)) {
                only = c;
            }
        }
        for (Class<?> c : SUBCOMMANDS) {
            if (only == null || c == only) {
                cl.addSubcommand(c);
            }
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setExpandAtFiles(false);
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler(Main::runFailure);
        cl.setExecutionStrategy(parsed -> {
            prepareOutputs(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        return cl;
    }

    /**
     * Prepares every output of the command about to run (its options of type {@link OutputTarget}), unless help
     * or the version was asked for.
     *
     * @throws ExecutionException wrapping the {@link IllegalArgumentException} of an output that cannot be written
     */
    private static void prepareOutputs(ParseResult parsed) {
        List<CommandLine> chain = parsed.asCommandLineList();
        for (CommandLine c : chain) {
            if (c.isUsageHelpRequested() || c.isVersionHelpRequested()) {
                return;
            }
        }
        CommandLine last = chain.get(chain.size() - 1);
        for (OptionSpec option : last.getCommandSpec().options()) {
            if (option.getValue() instanceof OutputTarget target) {
                try {
                    target.prepare(option.longestName());
                } catch (IllegalArgumentException ex) {
                    throw new ExecutionException(last, ex.getMessage(), ex);
                }
            }
        }
    }

    /** Without a subcommand: the usage, on stderr, as a usage error. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("sde4j: missing command; " + validNames(spec));
        spec.commandLine().usage(err);
        return USAGE_ERROR;
    }

    private static int usageError(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        CommandSpec s = cmd.getCommandSpec();
        String message = oneLine(ex.getMessage());
        if (ex instanceof OverwrittenOptionException o && o.getOverwritten() instanceof OptionSpec option) {
            message = option.longestName() + ": given more than once; give it once";
        }
        if (ex instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            message += " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
        }
        PrintWriter err = cmd.getErr();
        err.println(s.qualifiedName() + ": " + message);
        err.println(validNames(s) + "; see '" + s.qualifiedName() + " --help'");
        err.flush();
        return USAGE_ERROR;
    }

    private static int runFailure(Exception ex, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        String who = cmd.getCommandSpec().qualifiedName();
        int code;
        Map<String, String> options = parameterOptions(cmd);
        if (ex instanceof IllegalArgumentException) {
            err.println(who + ": " + Messages.withOptions(oneLine(ex.getMessage()), options));
            code = USAGE_ERROR;
        } else if (ex instanceof IllegalStateException) {
            // A wrapped failure (e.g. of a path worker) names its cause, still on one line.
            Throwable cause = ex.getCause();
            String because = cause == null ? "" : " (" + oneLine(String.valueOf(cause)) + ")";
            err.println(who + ": " + Messages.withOptions(oneLine(ex.getMessage()) + because, options));
            code = RUN_FAILED;
        } else if (ex.getClass().getName().startsWith("org.apache.spark.")) {
            // A job Spark gave up on: its reason, on one line; the executors' logs hold the rest.
            err.println(who + ": Spark failed: " + oneLine(firstLine(ex.getMessage()))
                    + " (see the master's and executors' logs)");
            code = RUN_FAILED;
        } else if (ex instanceof java.io.UncheckedIOException || ex instanceof java.io.IOException) {
            err.println(who + ": " + oneLine(String.valueOf(ex.getMessage())));
            code = RUN_FAILED;
        } else {
            err.println(who + ": internal error: " + oneLine(String.valueOf(ex)));
            ex.printStackTrace(err);
            code = RUN_FAILED;
        }
        err.flush();
        return code;
    }

    /** "valid commands: ...; valid options: ..." for a command. */
    static String validNames(CommandSpec s) {
        List<String> parts = new ArrayList<>();
        if (!s.subcommands().isEmpty()) {
            parts.add("valid commands: " + String.join(", ", s.subcommands().keySet()));
        }
        parts.add("valid options: " + s.options().stream().map(OptionSpec::longestName)
                .collect(Collectors.joining(", ")));
        return String.join("; ", parts);
    }

    private static String firstLine(String message) {
        return message == null ? null : message.lines().findFirst().orElse(message);
    }

    private static String oneLine(String message) {
        return Messages.oneLine(message);
    }

    /**
     * The library's parameter names of a command mapped to its options: each option {@code --held-out} from
     * {@code heldOut} and {@code held-out}, then what the command declares ({@link ParameterNames}).
     */
    static Map<String, String> parameterOptions(CommandLine cmd) {
        Map<String, String> map = new HashMap<>();
        for (OptionSpec option : cmd.getCommandSpec().options()) {
            String name = option.longestName();
            if (name.startsWith("--") && name.length() > 2) {
                String bare = name.substring(2);
                map.put(bare, name);
                StringBuilder camel = new StringBuilder();
                boolean up = false;
                for (char c : bare.toCharArray()) {
                    if (c == '-') {
                        up = true;
                    } else {
                        camel.append(up ? Character.toUpperCase(c) : c);
                        up = false;
                    }
                }
                map.put(camel.toString(), name);
            }
        }
        if (cmd.getCommand() instanceof ParameterNames named) {
            map.putAll(named.parameterOptions());
        }
        map.remove("help");
        map.remove("version");
        return map;
    }

    /** The version recorded by Maven in the jar; "unknown" when running from classes. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = "unknown (not run from the packaged jar)";
            try (InputStream in = Main.class.getResourceAsStream("/META-INF/maven/org.sde4j/sde4j-cli/pom.properties")) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    version = p.getProperty("version", version);
                }
            } catch (IOException e) {
                // keep "unknown"
            }
            return new String[] {"sde4j " + version, "Java " + System.getProperty("java.version")};
        }
    }
}
