package org.ae4j.core.registry;

/** A plugin could not be found, loaded or registered; the message says which and why. */
public final class PluginException extends RuntimeException {
    public PluginException(String message) {
        super(message);
    }
}
