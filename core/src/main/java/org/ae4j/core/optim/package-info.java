/** Optimizers whose update rules are IR: SGD, SGD with momentum, Adam. */
package org.ae4j.core.optim;
