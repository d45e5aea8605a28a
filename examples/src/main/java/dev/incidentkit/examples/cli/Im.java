package dev.incidentkit.examples.cli;

import dev.incidentkit.core.ConcurrencyConflictException;
import dev.incidentkit.core.IllegalTransitionException;
import dev.incidentkit.core.IncidentException;
import dev.incidentkit.core.IncidentNotFoundException;
import dev.incidentkit.core.ValidationException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code im}: the walkthrough's incident-management tool. Each invocation opens the store, runs
 * one command through IncidentKit's public API and closes the store.
 *
 * <p>Exit codes: 0 success, 1 store or other failure, 2 usage, 3 not found, 4 illegal transition,
 * 5 concurrent change, 6 invalid input, 7 a hash chain that does not verify. Errors are one
 * sentence on standard error; a command that fails writes nothing.
 */
@Command(name = "im", mixinStandardHelpOptions = true, version = "im 0.1.0 (IncidentKit)",
        description = "Declare, manage and learn from production incidents.",
        subcommands = {
            WriteCommands.DeclareIncident.class, WriteCommands.Ack.class, WriteCommands.Investigate.class,
            WriteCommands.Identify.class, WriteCommands.Mitigate.class, WriteCommands.Update.class,
            WriteCommands.Resolve.class, WriteCommands.Close.class, WriteCommands.Reopen.class,
            WriteCommands.Cancel.class, WriteCommands.Duplicate.class, WriteCommands.Escalate.class,
            WriteCommands.Downgrade.class, WriteCommands.Correlate.class, WriteCommands.Assign.class,
            WriteCommands.Action.class, ReadCommands.ListIncidents.class, ReadCommands.Show.class,
            ReadCommands.Timeline.class, ReadCommands.Metrics.class, ReadCommands.Verify.class,
            Demo.class, CommandLine.HelpCommand.class
        })
public final class Im implements Runnable {

    static final int FAILURE = 1;
    static final int USAGE = 2;
    static final int NOT_FOUND = 3;
    static final int ILLEGAL_TRANSITION = 4;
    static final int CONCURRENT_CHANGE = 5;
    static final int INVALID_INPUT = 6;
    static final int TAMPERED = 7;

    final Environment env;

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
        Environment env = new Environment(out, err, variables);
        CommandLine cli = new CommandLine(new Im(env));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, args2) -> {
            String command = e.getCommandLine().getCommandSpec().qualifiedName();
            err.println("im: " + e.getMessage() + " (see '" + command + " --help').");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("im: " + sentence(e));
            return exitCode(e);
        });
        return cli.execute(args);
    }

    /** {@code im} alone prints its help. */
    @Override
    public void run() {
        new CommandLine(this).usage(env.out);
    }

    static int exitCode(Exception e) {
        if (e instanceof IncidentNotFoundException) {
            return NOT_FOUND;
        }
        if (e instanceof IllegalTransitionException) {
            return ILLEGAL_TRANSITION;
        }
        if (e instanceof ConcurrencyConflictException) {
            return CONCURRENT_CHANGE;
        }
        if (e instanceof ValidationException) {
            return INVALID_INPUT;
        }
        return FAILURE;
    }

    private static String sentence(Exception e) {
        if (e instanceof IncidentException) {
            return e.getMessage();
        }
        return "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
