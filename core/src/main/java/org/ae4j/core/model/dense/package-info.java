/** Built-in model parts: the dense MLP encoder and decoder, and the tied decoder. */
package org.ae4j.core.model.dense;
