package dev.incidentkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Credentials in store URLs and in {@code $IM_DB_PASSWORD} never reach the terminal. */
class ImSecretsTest {

    private static final String SECRET = "s3cretPW";

    @TempDir
    Path home;

    @ParameterizedTest(name = "--db {0}")
    @ValueSource(strings = {
        "jdbc:postgresql://im:s3cretPW@127.0.0.1:1/db",
        "jdbc:postgresql://im:s3cretPW@127.0.0.1:1/db?sslmode=disable",
        "jdbc:postgresql://127.0.0.1:1/db?user=im&password=s3cretPW",
        "jdbc:postgresql://127.0.0.1:1/db?user=im&PASSWORD=s3cretPW&ssl=false",
        "jdbc:postgresql://im:p@ss/s3cretPW:x@127.0.0.1:1/db",
        "jdbc:postgresql://im:s3cretPW@",
        "jdbc:h2:mem:x;USER=sa;PASSWORD=s3cretPW;FROBNICATE=1",
        "jdbc:nosuchdb://im:s3cretPW@somewhere/db"})
    void aHostileUrlIsMaskedInTheError(String url) {
        for (List<String> args : List.of(List.of("list", "--db", url), List.of("list", "--db=" + url),
                List.of("show", "--incident", "INC-2025-001", "--db", url))) {
            ImProcess.Result result = im(Map.of()).run(args.toArray(String[]::new));

            assertThat(result.exitCode()).as("stderr: %s", result.err()).isNotZero();
            assertThat(result.err()).startsWith("im: ").doesNotContain(SECRET).doesNotContain("p@ss");
        }
        ImProcess.Result fromEnv = im(Map.of("IM_DB", url)).run("list");
        assertThat(fromEnv.err()).startsWith("im: ").doesNotContain(SECRET);
    }

    @Test
    void thePasswordFromTheEnvironmentIsMaskedWhereverItAppears() {
        ImProcess.Result result = im(Map.of("IM_DB", "jdbc:postgresql://127.0.0.1:1/" + SECRET, "IM_DB_PASSWORD", SECRET))
                .run("list");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("im: Cannot open the incident store at jdbc:postgresql://127.0.0.1:1/***")
                .doesNotContain(SECRET);
    }

    @Test
    void aUsageErrorBesideAUrlMasksItToo() {
        ImProcess.Result result = im(Map.of()).run("list", "--db", "jdbc:postgresql://im:" + SECRET + "@h/db", SECRET);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).doesNotContain(SECRET);
    }

    @Test
    void maskingKeepsTheRestOfTheMessage() {
        Secrets secrets = Secrets.of(new Environment(System.out, System.err, Map.of()),
                List.of("jdbc:postgresql://im:" + SECRET + "@db.example.com:5432/incidents?password=" + SECRET + "&ssl=true"));

        assertThat(secrets.mask("Cannot open jdbc:postgresql://im:" + SECRET + "@db.example.com:5432/incidents?password="
                + SECRET + "&ssl=true: refused by im:" + SECRET + "@db.example.com"))
                .isEqualTo("Cannot open jdbc:postgresql://***@db.example.com:5432/incidents?password=***&ssl=true: "
                        + "refused by im:***@db.example.com");
        assertThat(secrets.mask("mailto:alice@example.com and user=bob")).isEqualTo("mailto:alice@example.com and user=bob");
    }

    /**
     * A password typed raw in the user info may hold any character but whitespace. Before, the
     * user info could not hold {@code #?;'"<>}, so such a URL matched nothing and was printed whole.
     */
    @ParameterizedTest(name = "password {0}")
    @ValueSource(strings = {"s3cr#etPW", "s3cr;etPW", "s3cr?etPW", "s3cr@etPW", "s3cr/etPW", "s3cr'etPW",
        "s3cr\"etPW", "s3cr<et>PW", "s3cr@etPW/x?y#z;w"})
    void aPasswordWithAnyCharacterIsMasked(String password) {
        String url = "jdbc:postgresql://im:" + password + "@127.0.0.1:1/db";
        for (List<String> args : List.of(List.of("list", "--db", url), List.of("list", "--db=" + url))) {
            ImProcess.Result result = im(Map.of()).run(args.toArray(String[]::new));

            assertThat(result.exitCode()).as("stderr: %s", result.err()).isNotZero();
            assertThat(result.err()).startsWith("im: ").doesNotContain("s3cr").doesNotContain("etPW");
        }
        ImProcess.Result fromEnv = im(Map.of("IM_DB", url)).run("list");
        assertThat(fromEnv.err()).startsWith("im: ").doesNotContain("s3cr").doesNotContain("etPW");
    }

    @ParameterizedTest(name = "$IM_DB_PASSWORD {0}")
    @ValueSource(strings = {"s3cr#etPW", "s3cr;et?PW", "s3cr@et/PW", "s3cr'et\"PW", "s3cr<et>PW"})
    void aPasswordFromTheEnvironmentWithAnyCharacterIsMasked(String password) {
        ImProcess.Result result = im(Map.of("IM_DB", "jdbc:postgresql://127.0.0.1:1/db?options=" + password,
                "IM_DB_PASSWORD", password)).run("list");

        assertThat(result.exitCode()).isEqualTo(1);
        // (With an @ in the query, the host, port and path are masked too: a port looks like a password.)
        assertThat(result.err()).startsWith("im: Cannot open the incident store at jdbc:postgresql://")
                .doesNotContain(password);
    }

    @Test
    void userInfoIsMaskedButAnAtInAPathIsNot() {
        Secrets secrets = Secrets.of(new Environment(System.out, System.err, Map.of()), List.of());

        assertThat(secrets.mask("see https://host/@alice and https://host/a?b=c@d"))
                .isEqualTo("see https://host/@alice and https://host/a?b=c@d");
        assertThat(secrets.mask("at https://alice@host/x and jdbc:postgresql://im:p/w?x#y@host/db: refused"))
                .isEqualTo("at https://***@host/x and jdbc:postgresql://***@host/db: refused");
        // A port looks like a password: masked too, rather than risk letting a password through.
        assertThat(secrets.mask("https://host:8080/@alice")).isEqualTo("https://***@alice");
    }

    /** A password parameter's value runs to its driver's separator, whatever other separator it holds. */
    @Test
    void aPasswordParameterIsMaskedWhole() {
        for (String url : List.of("jdbc:postgresql://127.0.0.1:1/db?user=im&password=s3cr;etPW&ssl=false",
                "jdbc:h2:file:/tmp/x;USER=sa;PASSWORD=s3cr&etPW;MODE=PostgreSQL")) {
            Secrets secrets = Secrets.of(new Environment(System.out, System.err, Map.of()), List.of(url));

            assertThat(secrets.mask("Cannot open the incident store at " + url + ": refused"))
                    .startsWith("Cannot open the incident store at jdbc:")
                    .doesNotContain("s3cr").doesNotContain("etPW");
        }
    }

    @Test
    void everyPasswordAUrlMayHoldIsMaskedOnItsOwn() {
        // The last @ is in the query: the password is "s3cret", not "s3cret@host/db?options=a".
        Secrets secrets = Secrets.of(new Environment(System.out, System.err, Map.of()),
                List.of("jdbc:postgresql://im:s3cret@host/db?options=a@b"));

        assertThat(secrets.mask("password s3cret refused")).isEqualTo("password *** refused");
    }

    private ImInProcess im(Map<String, String> extra) {
        Map<String, String> variables = new HashMap<>(Map.of("IM_HOME", home.toString(), "IM_USER", "alice"));
        variables.putAll(extra);
        return new ImInProcess(variables);
    }
}
