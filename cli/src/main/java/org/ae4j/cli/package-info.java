/** The {@code ae4j} command line. */
package org.ae4j.cli;
