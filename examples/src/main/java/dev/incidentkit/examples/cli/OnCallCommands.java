package dev.incidentkit.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.export.Escaping;
import dev.incidentkit.core.oncall.Layer;
import dev.incidentkit.core.oncall.OnCall;
import dev.incidentkit.core.oncall.OnCallConfig;
import dev.incidentkit.core.oncall.Schedule;
import dev.incidentkit.core.oncall.ScheduleOverride;
import dev.incidentkit.core.oncall.Shift;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code im oncall}, {@code im schedule shifts} and {@code im override add}: who is on call, by the
 * schedules of an on-call file (incident-core's {@link OnCallConfig} format, a file a team keeps
 * in version control): {@code --config FILE}, else {@code $IM_ONCALL}, else {@code oncall.json}
 * in {@code $IM_HOME} (or {@code ~/.im}). They open no store. Instants are printed in UTC, as
 * every {@code im} command prints them.
 */
final class OnCallCommands {

    /** How far {@code im oncall} looks ahead for when a shift ends. */
    private static final Duration LOOK_AHEAD = Duration.ofDays(62);

    /** The longest span {@code im schedule shifts} lists. */
    private static final Duration MOST_SHIFTS = Duration.ofDays(366);

    private OnCallCommands() {}

    /** What the commands here share: the file, the output format and the environment. */
    abstract static class OnCallFile implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--config", paramLabel = "FILE",
                description = "The on-call file (default: $IM_ONCALL, else oncall.json in $IM_HOME or ~/.im).")
        Optional<Path> config = Optional.empty();

        @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
                description = "text or json (default: ${DEFAULT-VALUE}).")
        Options.Output output = Options.Output.text;

        Environment env() {
            return ((Im) spec.root().userObject()).env;
        }

        Path file() {
            return config.orElseGet(() -> defaultFile(env()));
        }

        /** @throws ValidationException if the file does not exist; OnCallConfigException if it is wrong */
        OnCallConfig read() {
            return OnCallCommands.read(file());
        }

        boolean json() {
            return output == Options.Output.json;
        }

        static Schedule schedule(OnCallConfig config, String id) {
            return config.schedule(id).orElseThrow(() -> new ValidationException("--schedule",
                    "must name a schedule of the on-call file (" + (config.schedules().isEmpty() ? "it has none"
                            : String.join(", ", config.schedules().keySet())) + ")", id));
        }
    }

    @Command(name = "oncall", description = {
        "Who is on call now (or at --at), by each schedule of the on-call file, and until when."})
    static final class OnCallNow extends OnCallFile {
        @Option(names = "--at", paramLabel = "INSTANT", description = "When to ask about, such as 2026-03-04T10:00:00Z (default: now).")
        Optional<String> at = Optional.empty();

        @Option(names = "--schedule", paramLabel = "ID", description = "Only this schedule.")
        Optional<String> schedule = Optional.empty();

        @Override
        public Integer call() {
            Instant when = at.map(a -> Options.instant("--at", a)).orElseGet(Instant::now);
            OnCallConfig config = read();
            List<Schedule> schedules = schedule.isPresent() ? List.of(schedule(config, schedule.get()))
                    : List.copyOf(config.schedules().values());
            Environment env = env();
            if (json()) {
                ObjectNode root = Printer.document().put("at", when.toString());
                ArrayNode list = root.putArray("schedules");
                for (Schedule s : schedules) {
                    ObjectNode so = list.addObject().put("id", s.id()).put("name", s.name());
                    ArrayNode on = so.putArray("on_call");
                    for (Shift shift : current(s, when)) {
                        ObjectNode o = on.addObject().put("person", shift.person());
                        if (shift.end().isBefore(when.plus(LOOK_AHEAD))) {
                            o.put("until", shift.end().toString());
                        }
                        o.set("origin", origin(s, shift.origin()));
                    }
                }
                env.out.println(Printer.json(root));
                return 0;
            }
            if (schedules.isEmpty()) {
                env.out.println("The on-call file has no schedules.");
                return 0;
            }
            env.out.println("On call at " + ReadCommands.WHEN.format(when) + ":");
            env.out.printf("%-16s %-16s %-20s %s%n", "SCHEDULE", "PERSON", "UNTIL", "WHY");
            for (Schedule s : schedules) {
                List<Shift> now = current(s, when);
                if (now.isEmpty()) {
                    env.out.printf("%-16s %s%n", Escaping.plainTextLine(s.id()), "nobody");
                }
                for (Shift shift : now) {
                    env.out.printf("%-16s %-16s %-20s %s%n", Escaping.plainTextLine(s.id()), Escaping.plainTextLine(shift.person()),
                            shift.end().isBefore(when.plus(LOOK_AHEAD)) ? ReadCommands.WHEN.format(shift.end()) : "-",
                            Escaping.plainTextLine(why(s, shift.origin())));
                }
            }
            return 0;
        }

        /** @return the shifts under way at {@code at}, each to its end (within the look-ahead) */
        private static List<Shift> current(Schedule s, Instant at) {
            return OnCall.shifts(s, at, at.plus(LOOK_AHEAD)).stream().filter(x -> x.start().equals(at)).toList();
        }
    }

    @Command(name = "schedule", description = "Read a schedule of the on-call file.", subcommands = {ScheduleShifts.class})
    static final class ScheduleCommand {
    }

    @Command(name = "shifts", description = {
        "List a schedule's shifts from --from to --to: who is on call, from when, until when, and why",
        "(a layer, an override, a temporary schedule)."})
    static final class ScheduleShifts extends OnCallFile {
        @Option(names = "--schedule", required = true, paramLabel = "ID", description = "The schedule.")
        String schedule;

        @Option(names = "--from", required = true, paramLabel = "INSTANT", description = "The start of the span, such as 2026-03-02T00:00:00Z.")
        String from;

        @Option(names = "--to", required = true, paramLabel = "INSTANT", description = "The end of the span, at most 366 days after --from.")
        String to;

        @Override
        public Integer call() {
            Instant start = Options.instant("--from", from);
            Instant end = end(start, to);
            if (Duration.between(start, end).compareTo(MOST_SHIFTS) > 0) {
                throw new ValidationException("--to", "must be at most 366 days after --from (" + start + ")", to);
            }
            Schedule s = schedule(read(), schedule);
            List<Shift> shifts = OnCall.shifts(s, start, end);
            Environment env = env();
            if (json()) {
                ObjectNode root = Printer.document().put("schedule", s.id()).put("from", start.toString()).put("to", end.toString());
                ArrayNode list = root.putArray("shifts");
                for (Shift shift : shifts) {
                    list.addObject().put("person", shift.person()).put("start", shift.start().toString())
                            .put("end", shift.end().toString()).set("origin", origin(s, shift.origin()));
                }
                env.out.println(Printer.json(root));
                return 0;
            }
            if (shifts.isEmpty()) {
                env.out.println("Nobody is on call in schedule " + Escaping.plainTextLine(s.id()) + " from "
                        + ReadCommands.WHEN.format(start) + " to " + ReadCommands.WHEN.format(end) + ".");
                return 0;
            }
            env.out.printf("%-16s %-20s %-20s %s%n", "PERSON", "START", "END", "WHY");
            for (Shift shift : shifts) {
                env.out.printf("%-16s %-20s %-20s %s%n", Escaping.plainTextLine(shift.person()), ReadCommands.WHEN.format(shift.start()),
                        ReadCommands.WHEN.format(shift.end()), Escaping.plainTextLine(why(s, shift.origin())));
            }
            return 0;
        }
    }

    @Command(name = "override", description = "Change who is on call for a while, in the on-call file.", subcommands = {OverrideAdd.class})
    static final class OverrideCommand {
    }

    @Command(name = "add", description = {
        "Put --person on call in a schedule from --from to --to: beside whoever is, or with --replaces,",
        "in that person's place where they are on call (a swap, cover for a holiday). The on-call",
        "file is written again, the override last; a refused override writes nothing."})
    static final class OverrideAdd extends OnCallFile {
        @Option(names = "--schedule", required = true, paramLabel = "ID", description = "The schedule.")
        String schedule;

        @Option(names = "--person", required = true, paramLabel = "PERSON", description = "Who goes on call.")
        String person;

        @Option(names = "--replaces", paramLabel = "PERSON", description = "Whom they replace (default: nobody; they are added).")
        Optional<String> replaces = Optional.empty();

        @Option(names = "--from", required = true, paramLabel = "INSTANT", description = "When it starts, such as 2026-03-04T08:00:00Z.")
        String from;

        @Option(names = "--to", required = true, paramLabel = "INSTANT", description = "When it ends, after --from.")
        String to;

        @Override
        public Integer call() {
            Instant start = Options.instant("--from", from);
            Instant end = end(start, to);
            ScheduleOverride override;
            try {
                override = replaces.isPresent() ? ScheduleOverride.replace(replaces.get(), person, start, end)
                        : ScheduleOverride.add(person, start, end);
            } catch (IllegalArgumentException e) {
                // ScheduleOverride names its field first: person (the one replaced) or replacement (--person).
                String message = String.valueOf(e.getMessage());
                String flag = message.startsWith("replacement") || replaces.isEmpty() ? "--person" : "--replaces";
                throw new ValidationException(flag, "must be 1 to 128 characters, not blank, without control characters,"
                        + " and not the person replaced", flag.equals("--person") ? person : replaces.orElse(""));
            }
            OnCallConfig config = read();
            Schedule s = schedule(config, schedule);
            Schedule.Builder b = Schedule.builder(s.id(), s.name(), s.zone());
            s.layers().forEach(b::layer);
            s.overrides().forEach(b::override);
            s.temporarySchedules().forEach(b::temporary);
            Schedule changed = b.override(override).build();
            write(file(), config.withSchedule(changed).write());
            Environment env = env();
            int number = changed.overrides().size();
            if (json()) {
                ObjectNode root = Printer.document().put("schedule", s.id());
                ObjectNode o = root.putObject("override").put("number", number).put("kind", override.kind().name().toLowerCase(Locale.ROOT))
                        .put("person", person);
                replaces.ifPresent(r -> o.put("replaces", r));
                o.put("start", start.toString()).put("end", end.toString());
                env.out.println(Printer.json(root));
            } else {
                env.out.println("Override " + number + " of schedule " + Escaping.plainTextLine(s.id()) + ": "
                        + Escaping.plainTextLine(person) + replaces.map(r -> " replaces " + Escaping.plainTextLine(r)).orElse(" is on call")
                        + " from " + ReadCommands.WHEN.format(start) + " to " + ReadCommands.WHEN.format(end) + ".");
            }
            return 0;
        }

        /** Writes a file beside the old one and moves it into place: a reader sees the old file or the new, never half. */
        private static void write(Path file, String text) {
            Path dir = file.toAbsolutePath().getParent();
            try {
                Path tmp = Files.createTempFile(dir, ".oncall", ".json.tmp");
                try {
                    Files.writeString(tmp, text, StandardCharsets.UTF_8);
                    try {
                        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                    }
                } finally {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the on-call file " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * @param file the on-call file
     * @return its configuration
     * @throws ValidationException if the file does not exist; OnCallConfigException if it is wrong
     */
    static OnCallConfig read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return OnCallConfig.read(r, file.toString());
        } catch (NoSuchFileException e) {
            throw new ValidationException("--config", "must name an on-call file (or set IM_ONCALL); there is no file", file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the on-call file " + file + ": " + e.getMessage(), e);
        }
    }

    /** @return the on-call file when none is named: {@code $IM_ONCALL}, else {@code oncall.json} in {@code $IM_HOME} or {@code ~/.im} */
    static Path defaultFile(Environment env) {
        return env.get("IM_ONCALL").map(Path::of).orElseGet(() -> env.get("IM_HOME").map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".im")).resolve("oncall.json"));
    }

    /** @return why a shift is on call, for a person: {@code layer weekly}, {@code override 1}, {@code temporary schedule 1} */
    static String why(Schedule s, Shift.Origin origin) {
        return switch (origin.kind()) {
            case LAYER -> "layer " + s.layers().get(origin.index()).name();
            case OVERRIDE -> "override " + (origin.index() + 1);
            case TEMPORARY -> "temporary schedule " + (origin.index() + 1);
        };
    }

    /** @return {@code {kind, number, layer?}}: the list (layer, override, temporary) and the 1-based place in it */
    static ObjectNode origin(Schedule s, Shift.Origin origin) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("kind", origin.kind().name().toLowerCase(Locale.ROOT)).put("number", origin.index() + 1);
        if (origin.kind() == Shift.Origin.Kind.LAYER) {
            Layer layer = s.layers().get(origin.index());
            o.put("layer", layer.name());
        }
        return o;
    }

    /** @return {@code --to}'s instant, after {@code --from}'s */
    static Instant end(Instant start, String to) {
        Instant end = Options.instant("--to", to);
        if (!end.isAfter(start)) {
            throw new ValidationException("--to", "must be after --from (" + start + ")", to);
        }
        return end;
    }
}
