/** Config records and their binding from {@code key=value} options. */
package org.ae4j.core.config;
