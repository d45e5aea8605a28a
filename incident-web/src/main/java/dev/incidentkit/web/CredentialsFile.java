package dev.incidentkit.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.access.AccessRole;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The reference reader and writer of the credentials file, format {@value #FORMAT}; the format
 * itself is specified in {@link Credentials}' class comment. Reading checks everything, so that
 * a damaged or hand-edited file is refused with the file and field named instead of half-used.
 */
final class CredentialsFile {

    /** The value of the top-level {@code format} field this version reads and writes. */
    static final String FORMAT = "incidentkit-credentials/1";

    static final Pattern TOKEN_ID = Pattern.compile("tok_[a-z2-7]{8}");
    private static final Pattern SECRET_HASH = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private CredentialsFile() {
    }

    /** A user as the file holds them: with the password hash, if any. */
    record User(Actor actor, AccessRole role, Optional<String> passwordHash, Instant created) {
        User {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(passwordHash, "passwordHash");
            Objects.requireNonNull(created, "created");
        }

        UserAccount account() {
            return new UserAccount(actor, role, passwordHash.isPresent(), created);
        }

        @Override
        public String toString() {
            return "User[" + actor + ", " + role.label() + "]";
        }
    }

    /** A token as the file holds it: its metadata and the SHA-256 of its secret. */
    record Token(ApiToken meta, String secretHash) {
        Token {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(secretHash, "secretHash");
        }

        @Override
        public String toString() {
            return "Token[" + meta.id() + "]";
        }
    }

    /** An alert integration as the file holds it: its name and the SHA-256 of its key. */
    record Integration(String name, Instant created, String keyHash) {
        Integration {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(created, "created");
            Objects.requireNonNull(keyHash, "keyHash");
        }

        @Override
        public String toString() {
            return "Integration[" + name + "]";
        }
    }

    /** What a file holds, keyed by user name, token id and integration name. */
    record Data(Map<String, User> users, Map<String, Token> tokens, Map<String, Integration> integrations) {
        static final Data EMPTY = new Data(Map.of(), Map.of(), Map.of());

        Data {
            users = Map.copyOf(users);
            tokens = Map.copyOf(tokens);
            integrations = Map.copyOf(integrations);
        }

        Data withUsers(Map<String, User> changed) {
            return new Data(changed, tokens, integrations);
        }

        Data withTokens(Map<String, Token> changed) {
            return new Data(users, changed, integrations);
        }

        Data withIntegrations(Map<String, Integration> changed) {
            return new Data(users, tokens, changed);
        }
    }

    /**
     * @param file the file
     * @return what it holds; {@link Data#EMPTY} if it does not exist
     * @throws CredentialsFileException if it cannot be read or breaks the format
     */
    static Data read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Data.EMPTY;
        } catch (IOException e) {
            throw new CredentialsFileException(file, "cannot be read", e);
        }
        return parse(file, bytes);
    }

    static Data parse(Path file, byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            // Where, never what: Jackson's message quotes the text, which may be a password hash.
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new CredentialsFileException(file, "(top level)", "is not JSON" + where);
        } catch (IOException e) {
            throw new CredentialsFileException(file, "cannot be read", e);
        }
        if (root == null || !root.isObject()) {
            throw new CredentialsFileException(file, "(top level)", "must be a JSON object");
        }
        String format = text(file, root, "format", "format");
        if (!format.equals(FORMAT)) {
            throw new CredentialsFileException(file, "format", "is \"" + format + "\", but this version of "
                    + "IncidentKit reads only \"" + FORMAT + "\"");
        }
        Map<String, User> users = new HashMap<>();
        for (JsonNode node : array(file, root, "users")) {
            String at = "users[" + users.size() + "]";
            User user = user(file, node, at);
            if (users.putIfAbsent(user.actor().name(), user) != null) {
                throw new CredentialsFileException(file, at + ".name", "repeats user " + user.actor().name());
            }
        }
        Map<String, Token> tokens = new HashMap<>();
        for (JsonNode node : array(file, root, "tokens")) {
            String at = "tokens[" + tokens.size() + "]";
            Token token = token(file, node, at, users.keySet());
            if (tokens.putIfAbsent(token.meta().id(), token) != null) {
                throw new CredentialsFileException(file, at + ".id", "repeats token " + token.meta().id());
            }
        }
        Map<String, Integration> integrations = new HashMap<>();
        for (JsonNode node : array(file, root, "integrations")) {
            String at = "integrations[" + integrations.size() + "]";
            String name = text(file, node, "name", at + ".name");
            if (!name.matches("[a-z0-9][a-z0-9._-]{0,62}")) {
                throw new CredentialsFileException(file, at + ".name", "must match [a-z0-9][a-z0-9._-]{0,62}");
            }
            String keyHash = text(file, node, "keyHash", at + ".keyHash");
            if (!keyHash.matches("sha256:[0-9a-f]{64}")) {
                throw new CredentialsFileException(file, at + ".keyHash", "must be sha256: and 64 lowercase hex digits");
            }
            Integration integration = new Integration(name, instant(file, node, "created", at + ".created"), keyHash);
            if (integrations.putIfAbsent(name, integration) != null) {
                throw new CredentialsFileException(file, at + ".name", "repeats integration " + name);
            }
        }
        return new Data(users, tokens, integrations);
    }

    /**
     * @param data what to write
     * @return the file's bytes: users sorted by name, tokens by id, so that equal data is equal bytes
     */
    static byte[] encode(Data data) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        ArrayNode users = root.putArray("users");
        for (User u : sorted(data.users().values(), u -> u.actor().name())) {
            ObjectNode n = users.addObject();
            n.put("name", u.actor().name());
            n.put("role", u.role().label());
            u.passwordHash().ifPresent(h -> n.put("passwordHash", h));
            n.put("created", u.created().toString());
        }
        ArrayNode tokens = root.putArray("tokens");
        for (Token t : sorted(data.tokens().values(), t -> t.meta().id())) {
            ObjectNode n = tokens.addObject();
            n.put("id", t.meta().id());
            n.put("user", t.meta().actor().name());
            n.put("label", t.meta().label());
            n.put("created", t.meta().created().toString());
            t.meta().expires().ifPresent(e -> n.put("expires", e.toString()));
            n.put("secretHash", t.secretHash());
        }
        if (!data.integrations().isEmpty()) {
            ArrayNode integrations = root.putArray("integrations");
            for (Integration i : sorted(data.integrations().values(), Integration::name)) {
                integrations.addObject().put("name", i.name()).put("created", i.created().toString())
                        .put("keyHash", i.keyHash());
            }
        }
        try {
            byte[] json = JSON.writeValueAsBytes(root);
            byte[] out = java.util.Arrays.copyOf(json, json.length + 1);
            out[json.length] = '\n';
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always encodes", e);
        }
    }

    /**
     * Replaces the file at once: writes a temporary file beside it (created readable and writable
     * by its owner only, where the file system has POSIX permissions), forces it to disk, and
     * moves it over the file atomically. A reader sees the old file or the new one, never a part.
     *
     * @param file the file
     * @param data what to write
     * @throws CredentialsFileException if writing or moving fails; the file is then unchanged
     */
    static void write(Path file, Data data) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    && Files.getFileStore(dir).supportsFileAttributeView("posix");
            FileAttribute<?>[] attributes = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                    : new FileAttribute<?>[0];
            tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp", attributes);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(encode(data));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (posix) {
                // createTempFile's attribute is subject to the umask, which may only take rights away;
                // set them outright all the same, so that the file is 600 whatever the umask.
                Files.setPosixFilePermissions(tmp, OWNER_ONLY);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
        } catch (IOException e) {
            throw new CredentialsFileException(file, "cannot be written", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // The write already failed and says so; a stray temporary file is the lesser harm.
                }
            }
        }
    }

    private static User user(Path file, JsonNode node, String at) {
        if (!node.isObject()) {
            throw new CredentialsFileException(file, at, "must be a JSON object");
        }
        Actor actor = actor(file, text(file, node, "name", at + ".name"), at + ".name");
        AccessRole role;
        try {
            role = AccessRole.parse(text(file, node, "role", at + ".role"));
        } catch (ValidationException e) {
            throw new CredentialsFileException(file, at + ".role", e.rule());
        }
        Optional<String> hash = optionalText(file, node, "passwordHash", at + ".passwordHash");
        if (hash.isPresent() && !PasswordHasher.wellFormed(hash.get())) {
            throw new CredentialsFileException(file, at + ".passwordHash",
                    "is not of the form pbkdf2-sha256$<iterations>$<salt>$<hash>");
        }
        return new User(actor, role, hash, instant(file, node, "created", at + ".created"));
    }

    private static Token token(Path file, JsonNode node, String at, Set<String> users) {
        if (!node.isObject()) {
            throw new CredentialsFileException(file, at, "must be a JSON object");
        }
        String id = text(file, node, "id", at + ".id");
        if (!TOKEN_ID.matcher(id).matches()) {
            throw new CredentialsFileException(file, at + ".id", "must be tok_ and 8 characters of a-z2-7");
        }
        Actor actor = actor(file, text(file, node, "user", at + ".user"), at + ".user");
        if (!users.contains(actor.name())) {
            throw new CredentialsFileException(file, at + ".user", "names no user of this file");
        }
        String label = text(file, node, "label", at + ".label");
        Instant created = instant(file, node, "created", at + ".created");
        Optional<Instant> expires = node.has("expires")
                ? Optional.of(instant(file, node, "expires", at + ".expires"))
                : Optional.empty();
        String hash = text(file, node, "secretHash", at + ".secretHash");
        if (!SECRET_HASH.matcher(hash).matches()) {
            throw new CredentialsFileException(file, at + ".secretHash", "must be sha256: and 64 lowercase hex digits");
        }
        return new Token(new ApiToken(id, actor, label, created, expires), hash);
    }

    private static Iterable<JsonNode> array(Path file, JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new CredentialsFileException(file, field, "must be a JSON array");
        }
        return node;
    }

    private static String text(Path file, JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new CredentialsFileException(file, at, "is missing");
        }
        if (!value.isTextual()) {
            throw new CredentialsFileException(file, at, "must be a string");
        }
        return value.textValue();
    }

    private static Optional<String> optionalText(Path file, JsonNode node, String field, String at) {
        return node.has(field) && !node.get(field).isNull() ? Optional.of(text(file, node, field, at)) : Optional.empty();
    }

    private static Instant instant(Path file, JsonNode node, String field, String at) {
        String text = text(file, node, field, at);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new CredentialsFileException(file, at, "must be an ISO-8601 instant such as 2025-08-23T14:30:00Z");
        }
    }

    private static Actor actor(Path file, String name, String at) {
        try {
            return Actor.of(name);
        } catch (ValidationException e) {
            throw new CredentialsFileException(file, at, e.rule());
        }
    }

    private static <T> List<T> sorted(java.util.Collection<T> values, Function<T, String> key) {
        List<T> out = new ArrayList<>(values);
        out.sort(Comparator.comparing(key));
        return out;
    }

}
