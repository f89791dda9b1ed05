package org.ae4j.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ae4j.core.optim.Optimizer;
import org.ae4j.core.spi.Corruption;
import org.ae4j.core.spi.Decoder;
import org.ae4j.core.spi.Encoder;
import org.ae4j.core.spi.Regularizer;

/**
 * What an autoencoder is made of: encoder, decoder, reconstruction loss, any number of weighted regularizers,
 * at most one corruption, and the optimizer that trains it.
 *
 * @param encoder the encoder
 * @param decoder the decoder
 * @param loss the reconstruction loss
 * @param regularizers penalties, each carrying its own weight
 * @param corruption the input corruption, or null
 * @param optimizer the optimizer
 */
public record AutoencoderSpec(Component<Encoder> encoder, Component<Decoder> decoder, Loss loss,
                              List<Component<Regularizer>> regularizers, Component<Corruption> corruption,
                              Optimizer optimizer) {
    public AutoencoderSpec {
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(optimizer, "optimizer");
        regularizers = List.copyOf(regularizers);
    }

    /** This spec with another optimizer. */
    public AutoencoderSpec withOptimizer(Optimizer o) {
        return new AutoencoderSpec(encoder, decoder, loss, regularizers, corruption, o);
    }

    /** This spec with one more regularizer. */
    public AutoencoderSpec withRegularizer(Component<Regularizer> r) {
        List<Component<Regularizer>> list = new ArrayList<>(regularizers);
        list.add(r);
        return new AutoencoderSpec(encoder, decoder, loss, list, corruption, optimizer);
    }

    /** This spec with a corruption (or none, for null). */
    public AutoencoderSpec withCorruption(Component<Corruption> c) {
        return new AutoencoderSpec(encoder, decoder, loss, regularizers, c, optimizer);
    }

    /** A one-line description, e.g. {@code dense:units=64,... | loss squared-error | kl-sparsity:... | adam:...}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("encoder ").append(encoder.spec()).append("; decoder ").append(decoder.spec())
                .append("; loss ").append(loss.optionName());
        for (Component<Regularizer> r : regularizers) {
            sb.append("; regularizer ").append(r.spec());
        }
        if (corruption != null) {
            sb.append("; corruption ").append(corruption.spec());
        }
        sb.append("; optimizer ").append(optimizer.spec());
        return sb.toString();
    }
}
