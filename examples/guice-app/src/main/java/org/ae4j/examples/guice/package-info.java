/**
 * Embedding ae4j in an application with Guice: {@link org.ae4j.examples.guice.EmbeddedApp} trains, saves, loads,
 * encodes and scores from code.
 */
package org.ae4j.examples.guice;
