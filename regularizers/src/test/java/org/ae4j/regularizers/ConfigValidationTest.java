package org.ae4j.regularizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ae4j.core.model.ModelGraph;
import org.ae4j.core.spi.Activation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Bad options fail when the config is built, naming the field, the expectation and the value. */
class ConfigValidationTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "kl-sparsity:rho=1.5 | rho: expected 0 < rho < 1, got 1.5",
        "kl-sparsity:rho=0 | rho: expected 0 < rho < 1, got 0.0",
        "kl-sparsity:beta=-1 | beta: expected a finite number >= 0, got -1.0",
        "l1-activity:lambda=-0.5 | lambda: expected a finite number >= 0, got -0.5",
        "weight-decay:lambda=NaN | lambda: expected a finite number >= 0, got NaN",
        "contractive:lambda=-1 | lambda: expected a finite number >= 0, got -1.0",
        "contractive:probes=0 | probes: expected an integer >= 1, got 0",
        "contractive:gamma=-0.1 | gamma: expected a finite number >= 0, got -0.1",
        "contractive:epsilon=-0.1 | epsilon: expected a finite number >= 0, got -0.1",
        "contractive:mode=approximate | mode: expected one of exact|stochastic|higher-order, got 'approximate'",
    })
    void badRegularizerOptionFailsNamingTheField(String spec, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Models.regularizer(spec));

        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "gaussian:sigma=-0.1 | sigma: expected a finite number >= 0, got -0.1",
        "gaussian:clip=maybe | clip: expected true or false, got 'maybe'",
        "masking:level=-0.2 | level: expected 0 <= level < 1, got -0.2",
        "masking:level=1 | level: expected 0 <= level < 1, got 1.0",
        "salt-and-pepper:level=1.5 | level: expected 0 <= level < 1, got 1.5",
    })
    void badCorruptionOptionFailsNamingTheField(String spec, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Models.corruption(spec));

        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void recordConstructorRejectsBadValuesDirectly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KlSparsityConfig(1.5, 3));

        assertEquals("rho: expected 0 < rho < 1, got 1.5", e.getMessage());
    }

    @Test
    void unknownOptionFailsListingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Models.regularizer("contractive:lamda=0.1"));

        assertTrue(e.getMessage().contains("lamda") && e.getMessage().contains("lambda, mode, probes, gamma, epsilon"),
                e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"RELU", "TANH", "SOFTPLUS", "IDENTITY"})
    void klSparsityOnACodeOutsideTheUnitIntervalFailsNamingTheActivation(Activation code) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Models.withRegularizer(List.of(4, 3), List.of(Activation.SIGMOID, code), "kl-sparsity", 5, 2));

        String name = code.name().toLowerCase(java.util.Locale.ROOT);
        assertTrue(e.getMessage().startsWith("kl-sparsity:") && e.getMessage().contains("got " + name),
                e.getMessage());
    }

    @Test
    void klSparsityAcceptsASigmoidCodeAfterOtherLayers() {
        ModelGraph g = Models.withRegularizer(List.of(4, 3), List.of(Activation.RELU, Activation.SIGMOID),
                "kl-sparsity", 5, 2);

        assertEquals(0, g.penalties().get("kl-sparsity").shape().rank());
    }

    @Test
    void optionsRoundTripThroughTheComponentSpec() {
        var c = Models.regularizer("contractive:lambda=0.2,mode=higher-order,probes=3,gamma=0.5,epsilon=0.05");

        assertEquals("contractive:lambda=0.2,mode=higher-order,probes=3,gamma=0.5,epsilon=0.05", c.spec());
        assertEquals(c.config(), Models.regularizer(c.spec()).config());
    }
}
