package dev.bullpen.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one private {@link RedisServer} per test class and injects it into test methods and
 * constructors: {@code @ExtendWith(RedisServerExtension.class)} then take a {@code RedisServer} parameter.
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(RedisServerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NS).put("server", RedisServer.start());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        RedisServer s = context.getStore(NS).remove("server", RedisServer.class);
        if (s != null) {
            s.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == RedisServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        ExtensionContext c = e;
        while (c != null) {
            RedisServer s = c.getStore(NS).get("server", RedisServer.class);
            if (s != null) {
                return s;
            }
            c = c.getParent().orElse(null);
        }
        throw new IllegalStateException("RedisServerExtension: no server started for " + e.getDisplayName());
    }
}
