/** Guice wiring for applications that embed ae4j. */
package org.ae4j.core.inject;
