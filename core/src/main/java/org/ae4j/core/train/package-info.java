/** The backend-agnostic training loop, its config, listeners and results. */
package org.ae4j.core.train;
