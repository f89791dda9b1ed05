/** Small utilities: the seeded random generator. */
package org.ae4j.core.util;
