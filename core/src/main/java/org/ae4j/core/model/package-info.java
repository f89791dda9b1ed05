/** Autoencoder models: the spec, the built graph and programs, losses and the built-in dense parts. */
package org.ae4j.core.model;
