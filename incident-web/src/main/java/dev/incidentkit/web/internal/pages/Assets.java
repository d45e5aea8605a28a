package dev.incidentkit.web.internal.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's stylesheet, script and icon, read from the jar once. Pages link them with a
 * hash of their content in the URL ({@link #path}), so a browser may keep them for a year and
 * still never runs an old script against a new page.
 */
public final class Assets {

    private static final String FOLDER = "/dev/incidentkit/web/assets/";

    /**
     * One asset.
     *
     * @param bytes its content
     * @param contentType its media type
     * @param hash the first 16 hex digits of its SHA-256
     */
    record Asset(byte[] bytes, String contentType, String hash) {}

    private static final Map<String, Asset> ALL = Map.of(
            "app.css", load("app.css", "text/css; charset=utf-8"),
            "app.js", load("app.js", "text/javascript; charset=utf-8"),
            "icon.svg", load("icon.svg", "image/svg+xml"));

    private Assets() {}

    /**
     * @param name such as {@code app.css}
     * @return its URL path, such as {@code /assets/app.css?v=3f2a…}
     */
    public static String path(String name) {
        Asset asset = ALL.get(name);
        if (asset == null) {
            throw new IllegalArgumentException("no asset " + name);
        }
        return "/assets/" + name + "?v=" + asset.hash();
    }

    /** @return the asset of a request path's last segment, if there is one */
    static Optional<Asset> find(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    private static Asset load(String name, String contentType) {
        try (InputStream in = Assets.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("the asset " + FOLDER + name + " is missing from the jar");
            }
            byte[] bytes = in.readAllBytes();
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
            return new Asset(bytes, contentType, hash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
