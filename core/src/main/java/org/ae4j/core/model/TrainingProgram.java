package org.ae4j.core.model;

import java.util.List;
import java.util.Map;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Program;
import org.ae4j.core.spi.NoiseSampler;

/**
 * A compiled-ready training step and the nodes the trainer needs to drive it.
 *
 * @param program the whole step: forward, loss, penalties, backward, update
 * @param loss the total objective
 * @param reconstructionLoss the reconstruction term
 * @param penalties each weighted penalty by regularizer name
 * @param optimizerState names of the optimizer's state parameters
 * @param noise noise inputs and their samplers, filled before every step
 */
public record TrainingProgram(Program program, Node loss, Node reconstructionLoss, Map<String, Node> penalties,
                              List<String> optimizerState, Map<Node, NoiseSampler> noise) {
}
