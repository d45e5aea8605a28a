package dev.incidentkit.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The commands about {@code im} itself: help, version, shell completion. */
final class ToolCommands {

    private ToolCommands() {}

    /** {@code im --version} and {@code im version}: the version Maven built, read from a filtered resource. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties p = new Properties();
            try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
                if (in == null) {
                    throw new IllegalStateException("version.properties is missing from the im jar");
                }
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read im's version", e);
            }
            return new String[] {
                "im " + p.getProperty("version") + " (IncidentKit " + p.getProperty("version") + ")",
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
            };
        }
    }

    @Command(name = "version", description = "Print im's version and the Java it runs on.")
    static final class Version implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().printVersionHelp(spec.commandLine().getOut());
        }
    }

    @Command(name = "completion", description = {
        "Print a completion script for bash or zsh.",
        "bash: source <(im completion)   zsh: autoload -U +X bashcompinit && bashcompinit && source <(im completion)",
        "Or save it to a file in your shell's completion folder, such as /etc/bash_completion.d/im."})
    static final class Completion implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().getOut().print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
            spec.commandLine().getOut().flush();
        }
    }

    /**
     * {@code im help [COMMAND...]}: the same page as {@code im COMMAND... --help}, for nested
     * commands too ({@code im help timeline export}), which picocli's own help command does not follow.
     */
    @Command(name = "help", helpCommand = true, description = "Show the help of im or of a command, such as: im help timeline export.")
    static final class Help implements IHelpCommandInitializable2, Runnable {
        @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, such as: timeline export.")
        List<String> path = List.of();

        @Spec
        CommandSpec spec;

        private PrintWriter out;

        @Override
        public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
            this.out = out;
        }

        @Override
        public void run() {
            CommandLine target = spec.root().commandLine();
            for (String name : path) {
                CommandLine sub = target.getSubcommands().get(name);
                if (sub == null) {
                    throw new ParameterException(spec.commandLine(), "Unknown command '" + name + "' in '"
                            + target.getCommandSpec().qualifiedName(" ") + "'");
                }
                target = sub;
            }
            target.usage(out == null ? spec.commandLine().getOut() : out);
        }
    }
}
