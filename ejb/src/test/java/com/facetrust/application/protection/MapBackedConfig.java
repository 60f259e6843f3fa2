package com.facetrust.application.protection;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * MicroProfile Config over a fixed map, for unit tests of beans that read their settings from Config (the server's
 * SmallRye Config is not available outside WildFly). Converts to String, Integer, Long, Double, Boolean, Duration.
 */
public final class MapBackedConfig implements Config {
    private final Map<String, String> values;

    public MapBackedConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    @Override
    public <T> T getValue(String name, Class<T> type) {
        return getOptionalValue(name, type).orElseThrow(() -> new NoSuchElementException(name));
    }

    @Override
    public ConfigValue getConfigValue(String name) {
        throw new UnsupportedOperationException("not needed by the tests");
    }

    @Override
    public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
        String raw = values.get(name);
        if (raw == null) {
            return Optional.empty();
        }
        Object value;
        if (type == String.class) {
            value = raw;
        } else if (type == Integer.class) {
            value = Integer.valueOf(raw);
        } else if (type == Long.class) {
            value = Long.valueOf(raw);
        } else if (type == Double.class) {
            value = Double.valueOf(raw);
        } else if (type == Boolean.class) {
            value = Boolean.valueOf(raw);
        } else if (type == Duration.class) {
            value = Duration.parse(raw);
        } else {
            throw new IllegalArgumentException("no converter for " + type);
        }
        return Optional.of(type.cast(value));
    }

    @Override
    public Iterable<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public Iterable<ConfigSource> getConfigSources() {
        return List.of();
    }

    @Override
    public <T> Optional<Converter<T>> getConverter(Class<T> type) {
        return Optional.empty();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        throw new IllegalArgumentException("cannot unwrap to " + type);
    }
}
