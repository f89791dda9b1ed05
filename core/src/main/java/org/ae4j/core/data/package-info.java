/** In-memory datasets. */
package org.ae4j.core.data;
