package dev.incidentkit.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that works on the store: opens a session, runs, closes it; exceptions reach {@link Im}. */
abstract class IncidentCommand implements Callable<Integer> {

    @Mixin
    Options options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Environment env = ((Im) spec.root().userObject()).env;
        check();
        try (Session session = Session.open(options, env)) {
            return run(session);
        }
    }

    /** Checks the options that need no store, before it is opened: a bad value writes nothing, not even a new file. */
    void check() {
    }

    /** @return the exit code */
    abstract int run(Session session);
}
