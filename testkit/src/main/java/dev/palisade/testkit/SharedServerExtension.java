package dev.palisade.testkit;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects one server shared by every test class in the JVM (so one per module's test run). It is
 * started on first use and stopped when JUnit closes its root store at the end of the run.
 */
abstract class SharedServerExtension<T extends TestServer> implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedServerExtension.class);

    private final Class<T> type;
    private final Supplier<T> starter;

    SharedServerExtension(Class<T> type, Supplier<T> starter) {
        this.type = type;
        this.starter = starter;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == type;
    }

    @Override
    public T resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(type, key -> starter.get(), type);
    }
}
