package com.saascrm.cancellation;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A process variable with its name and Java type in one place, so that code never spells a variable name as a
 * string. Instants are stored as ISO-8601 strings with an explicit offset ({@code 2026-12-31T23:00:00Z}): what
 * timer {@code timeDate} expressions read and what engine-rest clients see.
 */
public final class ProcessVariable<T> {

    private final String name;
    private final Class<?> storedType;
    private final Function<Object, T> fromStored;
    private final Function<T, Object> toStored;

    private ProcessVariable(
            String name, Class<?> storedType, Function<Object, T> fromStored, Function<T, Object> toStored) {
        this.name = name;
        this.storedType = storedType;
        this.fromStored = fromStored;
        this.toStored = toStored;
    }

    static <T> ProcessVariable<T> of(String name, Class<T> type) {
        return new ProcessVariable<>(name, type, type::cast, value -> value);
    }

    static ProcessVariable<Instant> instant(String name) {
        return new ProcessVariable<>(name, String.class, stored -> Instant.parse((String) stored), Instant::toString);
    }

    public String name() {
        return name;
    }

    /** The Java type the engine stores, which is also what a client must send. */
    Class<?> storedType() {
        return storedType;
    }

    public Optional<T> find(VariableScope scope) {
        return fromStored(scope.getVariable(name));
    }

    /** The variable among values read elsewhere: a runtime or history query, variables returned by a start. */
    public Optional<T> in(Map<String, ?> variables) {
        return fromStored(variables.get(name));
    }

    /** A value of this variable as the engine stored it; empty for none. */
    public Optional<T> fromStored(Object stored) {
        if (stored == null) {
            return Optional.empty();
        }
        if (!storedType.isInstance(stored)) {
            throw new IllegalStateException("Process variable '" + name + "' is a "
                    + stored.getClass().getSimpleName() + ", expected " + storedType.getSimpleName());
        }
        return Optional.of(fromStored.apply(stored));
    }

    public T get(VariableScope scope) {
        return find(scope).orElseThrow(() -> new IllegalStateException("Process variable '" + name + "' is missing"));
    }

    public void set(VariableScope scope, T value) {
        scope.setVariable(name, value == null ? null : toStored.apply(value));
    }

    public void setLocal(VariableScope scope, T value) {
        scope.setVariableLocal(name, value == null ? null : toStored.apply(value));
    }

    public void remove(VariableScope scope) {
        scope.removeVariable(name);
    }

    /** The value as an engine API client writes it, for {@code taskService.complete} and engine-rest. */
    public Object stored(T value) {
        return toStored.apply(value);
    }
}
