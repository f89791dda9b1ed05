/** The reference backend: programs run on the double-precision reference executor. */
package org.ae4j.core.reference;
