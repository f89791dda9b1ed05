package org.ae4j.core.spi;

import org.ae4j.core.ir.Node;

/** Resolves a declared parameter's name to its node in the graph being built. */
@FunctionalInterface
public interface ParameterLookup {
    /** The PARAMETER node named {@code name}; throws if it was not declared. */
    Node get(String name);
}
