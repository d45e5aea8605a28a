package dev.incidentkit.examples.cli;

import dev.incidentkit.core.AccessDeniedException;
import dev.incidentkit.core.ConcurrencyConflictException;
import dev.incidentkit.core.IllegalTransitionException;
import dev.incidentkit.core.IncidentNotFoundException;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.oncall.OnCallConfigException;
import dev.incidentkit.store.jdbc.StoreBusyException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code im}: the walkthrough's incident-management tool. Each invocation opens the store, runs
 * one command through IncidentKit's public API and closes the store.
 *
 * <p>Exit codes: 0 success, 1 store or other failure, 2 usage, 3 not found, 4 illegal transition,
 * 5 concurrent change (another process changed the incident, or held the H2 file, for too long:
 * try again), 6 invalid input, 7 a hash chain that does not verify, 8 not allowed (the user's role
 * does not allow the command: see {@code im user}; a bad on-call file is invalid input too). Errors are one sentence on
 * standard error, in the command line's words (flags and commands, not API fields), with
 * credentials masked; a command that fails writes nothing.
 */
@Command(name = "im", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = ToolCommands.VersionProvider.class,
        description = "Declare, manage and learn from production incidents.",
        footer = {"", "Every command takes --help. Exit codes: 0 done, 1 store or other failure, 2 usage, 3 not found, "
                + "4 illegal transition, 5 concurrent change (try again), 6 invalid input, 7 a broken hash chain, "
                + "8 not allowed."})
public final class Im implements Runnable {

    /** The subcommands, in the order help lists them (added in {@link #commandLine(Environment, String[])}). */
    private static final List<Class<?>> COMMANDS = List.of(
            WriteCommands.DeclareIncident.class, WriteCommands.Ack.class, WriteCommands.Investigate.class,
            WriteCommands.Identify.class, WriteCommands.Mitigate.class, WriteCommands.Update.class,
            WriteCommands.Resolve.class, WriteCommands.Close.class, WriteCommands.Reopen.class,
            WriteCommands.Cancel.class, WriteCommands.Duplicate.class, WriteCommands.Escalate.class,
            WriteCommands.Downgrade.class, WriteCommands.Correlate.class, WriteCommands.Assign.class,
            WriteCommands.Action.class, PostmortemCommand.class, ListCommand.class,
            ReadCommands.Show.class, ReadCommands.Timeline.class, ReadCommands.Metrics.class,
            ReadCommands.Verify.class, AlertCommands.Alerts.class, AlertCommands.SilenceCommand.class,
            OnCallCommands.OnCallNow.class, OnCallCommands.ScheduleCommand.class, OnCallCommands.OverrideCommand.class, PagingCommand.class, Demo.class, ServeCommand.class, AccessCommands.User.class,
            AccessCommands.Token.class, AccessCommands.Integration.class, ToolCommands.Version.class, ToolCommands.Completion.class,
            ToolCommands.Help.class);

    /** Commands that read the whole tree: help pages and the completion script. */
    private static final Set<String> WHOLE_TREE = Set.of("help", "completion");

    static final int FAILURE = 1;
    static final int USAGE = 2;
    static final int NOT_FOUND = 3;
    static final int ILLEGAL_TRANSITION = 4;
    static final int CONCURRENT_CHANGE = 5;
    static final int INVALID_INPUT = 6;
    static final int TAMPERED = 7;
    static final int NOT_ALLOWED = 8;

    final Environment env;

    @Spec
    CommandSpec spec;

    Im(Environment env) {
        this.env = env;
    }

    /**
     * Runs {@code im} and exits with its code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err, System.getenv()));
    }

    /**
     * Runs {@code im} in this process.
     *
     * @param args the command line
     * @param out standard output
     * @param err standard error
     * @param variables the environment ({@code IM_DB}, {@code IM_HOME}, {@code IM_USER}...)
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> variables) {
        return run(args, System.in, out, err, variables);
    }

    /**
     * Runs {@code im} in this process, reading standard input from {@code in} ({@code im user add
     * --password-stdin}).
     *
     * @param args the command line
     * @param in standard input
     * @param out standard output
     * @param err standard error
     * @param variables the environment ({@code IM_DB}, {@code IM_HOME}, {@code IM_USER}...)
     * @return the exit code
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> variables) {
        Environment env = new Environment(in, out, err, variables);
        Secrets secrets = Secrets.of(env, Secrets.urls(args, env));
        CommandLine cli = commandLine(env, args);
        cli.setParameterExceptionHandler((e, args2) -> {
            String command = e.getCommandLine().getCommandSpec().qualifiedName();
            err.println(secrets.mask("im: " + e.getMessage() + " (see '" + command + " --help')."));
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println(secrets.mask("im: " + CliMessages.sentence(e, commandLine.getCommandSpec())));
            return exitCode(e);
        });
        return cli.execute(args);
    }

    /** The whole command tree, printing to {@code env}'s streams. */
    static CommandLine commandLine(Environment env) {
        return commandLine(env, new String[0]);
    }

    /**
     * The command tree that {@code args} needs, printing to {@code env}'s streams: when they start
     * with a command other than help, only that command, since picocli reads every option of every
     * command it is given by reflection, and that was half of what {@code im list} did before its
     * work (benchmarks/README.md, issue 13); else the whole tree, for help and for picocli's
     * suggestions after an unknown command.
     */
    static CommandLine commandLine(Environment env, String[] args) {
        CommandLine cli = new CommandLine(new Im(env));
        String first = args.length > 0 ? args[0] : "";
        boolean one = !WHOLE_TREE.contains(first) && COMMANDS.stream().anyMatch(c -> name(c).equals(first));
        for (Class<?> command : COMMANDS) {
            if (!one || name(command).equals(first)) {
                cli.addSubcommand(name(command), command);
            }
        }
        // No picocli argument files: a note such as "@bob is on it" is text, and im postmortem
        // reads --root-cause @FILE itself.
        cli.setExpandAtFiles(false);
        cli.setOut(new PrintWriter(env.out, true));
        cli.setErr(new PrintWriter(env.err, true));
        return cli;
    }

    private static String name(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    /** {@code im} alone prints its help. */
    @Override
    public void run() {
        spec.commandLine().usage(env.out);
    }

    static int exitCode(Exception e) {
        if (e instanceof IncidentNotFoundException) {
            return NOT_FOUND;
        }
        if (e instanceof IllegalTransitionException) {
            return ILLEGAL_TRANSITION;
        }
        if (e instanceof ConcurrencyConflictException || e instanceof StoreBusyException) {
            return CONCURRENT_CHANGE;
        }
        if (e instanceof ValidationException || e instanceof OnCallConfigException) {
            return INVALID_INPUT;
        }
        if (e instanceof AccessDeniedException) {
            return NOT_ALLOWED;
        }
        return FAILURE;
    }
}
