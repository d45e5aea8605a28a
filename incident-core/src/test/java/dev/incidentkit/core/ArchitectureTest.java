package dev.incidentkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.internal.DefaultIncidentManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps core pure (DESIGN §1, STYLE "Layout"): no JDBC, no HTTP client, no adapter package, and
 * no implementation type leaking through the public API.
 *
 * <p>Dependencies are found in the compiled classes: every class, method and field a class file
 * refers to is named in its constant pool as {@code java/sql/Connection} and the like, so a
 * plain byte search finds them, imports or fully qualified names alike.
 */
class ArchitectureTest {

    /** Packages core must never refer to, in their internal (slashed) form. */
    private static final List<String> FORBIDDEN = List.of(
            "java/sql/", "javax/sql/", "java/net/http/", "dev/incidentkit/store/", "dev/incidentkit/notify/webhook/");

    /**
     * Every public package of core, each named in the architecture map of {@code README.md} and
     * {@code incident-core/README.md}. A new package fails {@link #everyPublicPackageIsKnown} until
     * it is added here, and so falls under every check below.
     */
    private static final Set<String> API_PACKAGES = Set.of("dev.incidentkit.core", "dev.incidentkit.core.access", "dev.incidentkit.core.alert",
            "dev.incidentkit.core.cloudevents",
            "dev.incidentkit.core.event", "dev.incidentkit.core.export", "dev.incidentkit.core.format",
            "dev.incidentkit.core.metrics", "dev.incidentkit.core.notify", "dev.incidentkit.core.oncall", "dev.incidentkit.core.query",
            "dev.incidentkit.core.sla", "dev.incidentkit.core.spi", "dev.incidentkit.core.statuspage",
            "dev.incidentkit.core.timeline");

    private static final String INTERNAL = "dev.incidentkit.core.internal";

    private static Path classesRoot() {
        try {
            return Path.of(Incident.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> classFiles() {
        Path core = classesRoot().resolve("dev/incidentkit/core");
        try (Stream<Path> files = Files.walk(core)) {
            return files.filter(p -> p.toString().endsWith(".class")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String bytesOf(Path classFile) {
        try {
            // Latin-1 maps each byte to one char, so ASCII names in the constant pool stay searchable.
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theScanSeesTheWholeModule() {
        List<Path> files = classFiles();
        assertThat(files).hasSizeGreaterThan(50);
        assertThat(files).anySatisfy(p -> assertThat(p.toString()).endsWith("internal/DefaultIncidentManager.class"));
        // The byte search finds references where there are some: a control for the check below.
        assertThat(bytesOf(classesRoot().resolve("dev/incidentkit/core/IncidentKit$Builder.class"))).contains("java/time/Clock");
        assertThat(bytesOf(classesRoot().resolve("dev/incidentkit/core/cloudevents/CloudEventCodec.class"))).contains("java/net/URI");
    }

    @Test
    void everyPublicPackageIsKnown() {
        Set<String> found = new TreeSet<>();
        for (Path file : classFiles()) {
            String pkg = classesRoot().relativize(file.getParent()).toString().replace(java.io.File.separatorChar, '.');
            if (!pkg.equals(INTERNAL) && !pkg.startsWith(INTERNAL + ".")) {
                found.add(pkg);
            }
        }
        assertThat(found).containsExactlyInAnyOrderElementsOf(API_PACKAGES);
    }

    @Test
    void everyPackageIsNullMarkedAndTheInternalOneSaysItPromisesNothing() throws IOException {
        List<String> packages = new ArrayList<>(API_PACKAGES);
        packages.add(INTERNAL);
        for (String pkg : packages) {
            Path info = classesRoot().resolve(pkg.replace('.', '/')).resolve("package-info.class");
            assertThat(info).as(pkg).exists();
            assertThat(bytesOf(info)).as(pkg).contains("org/jspecify/annotations/NullMarked");
        }
        String internal = Files.readString(Path.of("src/main/java/dev/incidentkit/core/internal/package-info.java"));
        assertThat(internal).contains("Not an API", "may change in any release");
    }

    @Test
    void coreRefersToNoJdbcHttpClientOrAdapterPackage() {
        List<String> violations = new ArrayList<>();
        for (Path file : classFiles()) {
            String bytes = bytesOf(file);
            for (String forbidden : FORBIDDEN) {
                if (bytes.contains(forbidden)) {
                    violations.add(classesRoot().relativize(file) + " refers to " + forbidden);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void coreSourcesImportNoJdbcHttpClientOrAdapterPackage() throws IOException {
        Path sources = Path.of("src/main/java/dev/incidentkit/core");
        assertThat(sources).isDirectory();
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList())) {
                String text = Files.readString(file);
                for (String forbidden : FORBIDDEN) {
                    String dotted = forbidden.replace('/', '.');
                    if (text.contains(dotted)) {
                        violations.add(file + " mentions " + dotted);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void thePublicApiExposesNoInternalType() {
        List<String> violations = new ArrayList<>();
        int checked = 0;
        for (Class<?> type : apiClasses()) {
            checked++;
            for (String leak : internalTypesIn(type)) {
                violations.add(type.getName() + ": " + leak);
            }
        }
        assertThat(checked).isGreaterThan(30);
        assertThat(violations).isEmpty();
    }

    @Test
    void theSignatureCheckFindsInternalTypesWhereThereAreSome() {
        // A control: the implementation's own constructor takes an internal type.
        assertThat(internalTypesIn(DefaultIncidentManager.class)).anySatisfy(s -> assertThat(s).contains("ManagerSettings"));
    }

    /** Every public type of the API packages whose enclosing types are public too. */
    private static List<Class<?>> apiClasses() {
        Path root = classesRoot();
        List<Class<?>> out = new ArrayList<>();
        for (Path file : classFiles()) {
            String name = root.relativize(file).toString().replace(java.io.File.separatorChar, '.');
            name = name.substring(0, name.length() - ".class".length());
            if (name.endsWith("package-info") || name.endsWith("module-info")) {
                continue;
            }
            String pkg = name.substring(0, name.lastIndexOf('.'));
            if (!API_PACKAGES.contains(pkg)) {
                continue;
            }
            Class<?> type;
            try {
                type = Class.forName(name, false, ArchitectureTest.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            if (isVisible(type)) {
                out.add(type);
            }
        }
        return out;
    }

    private static boolean isVisible(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    /** The internal types named by {@code type}'s public and protected members and its supertypes. */
    private static Set<String> internalTypesIn(Class<?> type) {
        Set<String> found = new LinkedHashSet<>();
        boolean subclassable = !Modifier.isFinal(type.getModifiers()) && !type.isEnum() && !type.isRecord();
        collect(type.getGenericSuperclass(), "extends", found);
        for (Type i : type.getGenericInterfaces()) {
            collect(i, "implements", found);
        }
        if (type.isRecord()) {
            for (RecordComponent rc : type.getRecordComponents()) {
                collect(rc.getGenericType(), "component " + rc.getName(), found);
            }
        }
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (exposed(c.getModifiers(), subclassable)) {
                for (Type p : c.getGenericParameterTypes()) {
                    collect(p, "constructor parameter", found);
                }
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (m.isSynthetic() || !exposed(m.getModifiers(), subclassable)) {
                continue;
            }
            collect(m.getGenericReturnType(), m.getName() + " returns", found);
            for (Type p : m.getGenericParameterTypes()) {
                collect(p, m.getName() + " parameter", found);
            }
            for (Type x : m.getGenericExceptionTypes()) {
                collect(x, m.getName() + " throws", found);
            }
        }
        for (Field f : type.getDeclaredFields()) {
            if (!f.isSynthetic() && exposed(f.getModifiers(), subclassable)) {
                collect(f.getGenericType(), "field " + f.getName(), found);
            }
        }
        return found;
    }

    private static boolean exposed(int modifiers, boolean subclassable) {
        return Modifier.isPublic(modifiers) || (subclassable && Modifier.isProtected(modifiers));
    }

    private static void collect(Type t, String where, Set<String> found) {
        if (t == null) {
            return;
        }
        if (t instanceof Class<?> type) {
            Class<?> c = type;
            while (c.isArray()) {
                c = c.getComponentType();
            }
            if (c.getPackageName().equals(INTERNAL) || c.getPackageName().startsWith(INTERNAL + ".")) {
                found.add(where + " " + c.getName());
            }
        } else if (t instanceof ParameterizedType p) {
            collect(p.getRawType(), where, found);
            for (Type a : p.getActualTypeArguments()) {
                collect(a, where, found);
            }
        } else if (t instanceof GenericArrayType array) {
            collect(array.getGenericComponentType(), where, found);
        } else if (t instanceof WildcardType wildcard) {
            for (Type b : wildcard.getUpperBounds()) {
                collect(b, where, found);
            }
            for (Type b : wildcard.getLowerBounds()) {
                collect(b, where, found);
            }
        } else if (t instanceof TypeVariable<?> variable) {
            for (Type b : variable.getBounds()) {
                if (b != Object.class) {
                    collect(b, where, found);
                }
            }
        }
    }
}
