package dev.bullpen.app.fx;

import java.util.Map;
import java.util.function.Supplier;
import javafx.util.Callback;

/** Gives FXMLLoader controllers built with their dependencies; an unknown controller class fails loudly. */
public final class ControllerFactory implements Callback<Class<?>, Object> {
    private final Map<Class<?>, Supplier<?>> suppliers;

    public ControllerFactory(Map<Class<?>, Supplier<?>> suppliers) {
        this.suppliers = Map.copyOf(suppliers);
    }

    @Override
    public Object call(Class<?> type) {
        Supplier<?> s = suppliers.get(type);
        if (s == null) {
            throw new IllegalStateException("no controller registered for " + type.getName());
        }
        return s.get();
    }
}
