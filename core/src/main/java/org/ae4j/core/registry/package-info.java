/** The plugin registry: the single place that calls {@link java.util.ServiceLoader}. */
package org.ae4j.core.registry;
