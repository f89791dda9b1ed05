#!/usr/bin/python3
"""Reference values of the ae4j-regularizers penalties, computed independently with PyTorch in float64.

Run from anywhere with the system Python (Debian's python3-torch 1.13 and python3-numpy):

    /usr/bin/python3 regularizers/src/test/python/make_reference.py

It writes regularizers/src/test/resources/reference/penalties.json. Every input (the batch, every parameter of
encoder and decoder, every noise tensor) is generated here from fixed seeds and written into the JSON, so the
Java test (PenaltyReferenceTest) feeds exactly these values to the graph built by ModelGraph.training.

The Jacobian-based penalties do not use any closed form: each row's Jacobian J_b = d code / d x_b is computed by
torch.autograd.functional.jacobian of the encoder function, and the penalties are then plain sums over J_b.

Conventions shared with the Java side:
  * dense layers compute a = x W + b with W of shape [in, out]; parameters are named encoder.<i>.weight/bias and
    decoder.<i>.weight/bias (the decoder mirrors the encoder's hidden widths and ends in a sigmoid layer of width d);
  * a noise tensor of k copies per row is laid out [k*B, d], copy p of row b at row p*B + b;
  * every value is stored as a flat row-major list of doubles.
"""
import json
import os

import numpy as np
import torch

torch.set_default_dtype(torch.float64)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'resources', 'reference', 'penalties.json')

ACT = {
    'sigmoid': torch.sigmoid,
    'tanh': torch.tanh,
    'relu': torch.relu,
    'softplus': torch.nn.functional.softplus,
    'identity': lambda a: a,
}

# Penalty options (weights chosen away from 1 so that a forgotten weight shows).
KL = dict(rho=0.2, beta=1.5)
L1 = dict(lambda_=0.7)
WD = dict(lambda_=0.01)
CAE = dict(lambda_=0.3)
STOCHASTIC = dict(lambda_=0.3, probes=3)
HIGHER = dict(lambda_=0.3, probes=2, gamma=0.4, epsilon=0.05)
RELU_MARGIN = 0.05  # relu pre-activations are kept at least this far from 0 (no kinks near the test points)


def encode(x, weights, biases, acts):
    h = x
    pre = []
    for w, b, act in zip(weights, biases, acts):
        a = h @ w + b
        pre.append(a)
        h = ACT[act](a)
    return h, pre


def row_jacobian(xb, weights, biases, acts):
    """J_b [k, d] of the code with respect to one input row, by autograd (no closed form)."""
    return torch.autograd.functional.jacobian(lambda v: encode(v, weights, biases, acts)[0], xb)


def far_from_kinks(x, weights, biases, acts):
    _, pre = encode(x, weights, biases, acts)
    return all(act != 'relu' or bool((a.abs() > RELU_MARGIN).all()) for a, act in zip(pre, acts))


def make_case(name, seed, d, batch, units, acts):
    # Draw until no relu pre-activation is near 0 (for the clean batch and every perturbed copy).
    for attempt in range(1000):
        g = torch.Generator().manual_seed(seed * 1000 + attempt)
        x = torch.rand(batch, d, generator=g)
        weights, biases = [], []
        fan_in = d
        for u in units:
            weights.append(torch.randn(fan_in, u, generator=g) * (1.5 / np.sqrt(fan_in)))
            biases.append(torch.randn(u, generator=g) * 0.3)
            fan_in = u
        dec_widths = list(reversed(units[:-1])) + [d]
        dec_weights, dec_biases = [], []
        fan_in = units[-1]
        for u in dec_widths:
            dec_weights.append(torch.randn(fan_in, u, generator=g) * (1.0 / np.sqrt(fan_in)))
            dec_biases.append(torch.randn(u, generator=g) * 0.1)
            fan_in = u
        probes = torch.randn(STOCHASTIC['probes'] * batch, d, generator=g)
        eps_noise = torch.randn(HIGHER['probes'] * batch, d, generator=g)
        perturbed = x.repeat(HIGHER['probes'], 1) + HIGHER['epsilon'] * eps_noise
        if far_from_kinks(x, weights, biases, acts) and far_from_kinks(perturbed, weights, biases, acts):
            break
    else:
        raise RuntimeError(name + ': could not draw inputs away from relu kinks')

    code, _ = encode(x, weights, biases, acts)
    jac = [row_jacobian(x[b], weights, biases, acts) for b in range(batch)]
    jac_tilde = [row_jacobian(perturbed[r], weights, biases, acts) for r in range(perturbed.shape[0])]

    exact = sum(float((j ** 2).sum()) for j in jac) / batch
    k = STOCHASTIC['probes']
    stochastic = sum(float(((jac[r % batch] @ probes[r]) ** 2).sum()) for r in range(k * batch)) / (k * batch)
    k2 = HIGHER['probes']
    higher = sum(float(((jac[r % batch] - jac_tilde[r]) ** 2).sum()) for r in range(k2 * batch)) / (k2 * batch)

    penalties = [
        dict(spec='l1-activity:lambda=%r' % L1['lambda_'],
             value=L1['lambda_'] * float(code.abs().sum()) / batch),
        dict(spec='weight-decay:lambda=%r' % WD['lambda_'],
             value=WD['lambda_'] * sum(float((w ** 2).sum()) for w in weights + dec_weights)),
        dict(spec='contractive:lambda=%r,mode=exact' % CAE['lambda_'], value=CAE['lambda_'] * exact),
        dict(spec='contractive:lambda=%r,mode=stochastic,probes=%d' % (STOCHASTIC['lambda_'], k),
             value=STOCHASTIC['lambda_'] * stochastic,
             noise={'contractive.probe': flat(probes)}),
        dict(spec='contractive:lambda=%r,mode=higher-order,probes=%d,gamma=%r,epsilon=%r'
                  % (HIGHER['lambda_'], k2, HIGHER['gamma'], HIGHER['epsilon']),
             value=HIGHER['lambda_'] * exact + HIGHER['gamma'] * higher,
             noise={'contractive.epsilon': flat(eps_noise)}),
    ]
    if acts[-1] == 'sigmoid':
        rho, beta = KL['rho'], KL['beta']
        q = code.mean(dim=0)
        kl = rho * torch.log(rho / q) + (1 - rho) * torch.log((1 - rho) / (1 - q))
        penalties.append(dict(spec='kl-sparsity:rho=%r,beta=%r' % (rho, beta), value=beta * float(kl.sum())))

    params = {}
    for i, (w, b) in enumerate(zip(weights, biases)):
        params['encoder.%d.weight' % i] = dict(shape=list(w.shape), values=flat(w))
        params['encoder.%d.bias' % i] = dict(shape=list(b.shape), values=flat(b))
    for i, (w, b) in enumerate(zip(dec_weights, dec_biases)):
        params['decoder.%d.weight' % i] = dict(shape=list(w.shape), values=flat(w))
        params['decoder.%d.bias' % i] = dict(shape=list(b.shape), values=flat(b))
    return dict(name=name, inputDim=d, batch=batch, units=units, activations=acts, x=flat(x),
                parameters=params, penalties=penalties)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1)]


def main():
    cases = []
    for i, act in enumerate(['sigmoid', 'tanh', 'relu', 'softplus', 'identity']):
        cases.append(make_case('one-layer-' + act, 10 + i, d=5, batch=4, units=[3], acts=[act]))
    cases.append(make_case('two-layer-tanh-sigmoid', 20, d=5, batch=4, units=[4, 3], acts=['tanh', 'sigmoid']))
    cases.append(make_case('two-layer-relu-softplus', 21, d=5, batch=4, units=[4, 3], acts=['relu', 'softplus']))
    cases.append(make_case('two-layer-wide-softplus-tanh', 22, d=3, batch=3, units=[6, 8],
                           acts=['softplus', 'tanh']))
    cases.append(make_case('two-layer-narrow-sigmoid-tanh', 24, d=12, batch=5, units=[3, 2],
                           acts=['sigmoid', 'tanh']))
    cases.append(make_case('three-layer-sigmoid-tanh-sigmoid', 23, d=6, batch=3, units=[5, 4, 2],
                           acts=['sigmoid', 'tanh', 'sigmoid']))
    doc = dict(
        generator='regularizers/src/test/python/make_reference.py (PyTorch %s, float64)' % torch.__version__,
        note='Jacobian penalties from torch.autograd.functional.jacobian per row; noise rows p*B+b',
        cases=cases)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w') as f:
        json.dump(doc, f, indent=1)
        f.write('\n')
    print('wrote', os.path.normpath(OUT), 'with', len(cases), 'cases')


if __name__ == '__main__':
    main()
