package dev.incidentkit.web.internal.pages;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * The dashboard's jte templates ({@code src/main/jte}), compiled to Java classes at build time:
 * nothing is compiled or read from disk at run time, and every {@code ${...}} is escaped for the
 * context it lands in (element text, attribute, URL).
 */
public final class Templates {

    /** Where the jte Maven plugin puts the compiled templates (the module's pom names it too). */
    private static final String PACKAGE = "dev.incidentkit.web.internal.templates";

    private static final TemplateEngine ENGINE =
            TemplateEngine.createPrecompiled(null, ContentType.Html, Templates.class.getClassLoader(), PACKAGE);

    private Templates() {}

    /**
     * @param name the template's path under {@code src/main/jte}, such as {@code dashboard.jte}
     * @param model its one parameter
     * @return the rendered HTML
     */
    public static String render(String name, Object model) {
        StringOutput out = new StringOutput(8192);
        ENGINE.render(name, model, out);
        return out.toString();
    }
}
