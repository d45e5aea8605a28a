package dev.incidentkit.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands a concern of a contract the adapter's test it is nested in, as Micrometer's {@code
 * RegistryResolver} hands each test of its compatibility kit the registry under test: a parameter
 * whose type is a contract class is resolved to the enclosing test instance of that type. This
 * keeps each nested class of a contract one line long, with no constructor to write.
 */
final class ContractResolver implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return enclosing(parameter, context) != null;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return enclosing(parameter, context);
    }

    private static Object enclosing(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return context.getTestInstances()
                .flatMap(instances -> instances.getAllInstances().stream().filter(type::isInstance).findFirst())
                .orElse(null);
    }
}
