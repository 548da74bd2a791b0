#!/usr/bin/env python3
"""The seed experiment (`ganscope train --preset seed`) written independently in JAX.

Data: the blog's mixture, weights (0.5, 0.5), means (0, 0) and (1, 1), variances 0.1 on both
axes; a batch is drawn as GANScope draws it: a component per point from the weights, the
points grouped by component, mean + sqrt(variance) * N(0, 1).
Networks: G 256 -> 128 -> ReLU -> 128 -> ReLU -> 2, D 2 -> 128 -> ReLU -> 128 -> ReLU -> 1
(a logit); every weight N(0, 0.01^2), every bias 0.
One step: D on a fresh real batch and fresh noise, L_D = mean softplus(-l_real) +
mean softplus(l_fake); then G on new noise, L_G = mean softplus(-D(G(z))) (nsgan, the seed
preset's objective). Batch 512 real and 512 generated points.
Adam as TensorFlow 1 applies it: lr_t = lr sqrt(1 - b2^t) / (1 - b1^t),
theta -= lr_t m / (sqrt(v) + eps), lr 2e-4, b1 0.5, b2 0.999, eps 1e-8, one per network.
Evaluation at step 0, every 500 steps and at the last step, as GANScope's: G on 2,500 fixed
noise vectors, scored against the mixture (modes captured, high-quality fraction, mode
histogram) and against 2,500 fixed real points (energy distance, sliced Wasserstein); D's
signals on 512 fixed real points and G of the first 512 evaluation noise vectors (dead units
per hidden layer, output spread), which the dead-discriminator rule reads.

Writes one CSV per seed, `OUT/seed-<seed>.csv`, with the columns of GANScope's metrics.csv
that the comparison reads.
"""
import argparse
import os
import sys
import time

import jax
import jax.numpy as jnp
import numpy as np
from scipy.spatial.distance import cdist

WEIGHTS = np.array([0.5, 0.5])
MEANS = np.array([[0.0, 0.0], [1.0, 1.0]])
VARIANCES = np.array([[0.1, 0.1], [0.1, 0.1]])
NUM_Z, HIDDEN, BATCH = 256, 128, 512
LR, BETA1, BETA2, EPS = 2e-4, 0.5, 0.999, 1e-8
INIT_STD = 0.01
EVAL_FREQ, EVAL_SAMPLES = 500, 2500
HQ_THRESHOLD = 3.0          # Mahalanobis distance of a high-quality sample
SW_PROJECTIONS = 64
COLUMNS = ["step", "modes_captured", "high_quality_fraction", "energy_distance", "sliced_wasserstein",
           "q_0", "q_1", "dead_d_1", "dead_d_2", "d_output_spread", "d_loss", "g_loss"]


# ---- data -------------------------------------------------------------------------------

def sample_mixture(key, n):
    """n points of the mixture, grouped by component: [n, 2]."""
    k_comp, k_normal = jax.random.split(key)
    comp = jnp.sort(jax.random.categorical(k_comp, jnp.log(jnp.asarray(WEIGHTS, jnp.float32)), shape=(n,)))
    means = jnp.asarray(MEANS, jnp.float32)[comp]
    stds = jnp.sqrt(jnp.asarray(VARIANCES, jnp.float32))[comp]
    return means + stds * jax.random.normal(k_normal, (n, 2), jnp.float32)


# ---- networks ---------------------------------------------------------------------------

def init_mlp(key, sizes):
    """[(W [in, out], b [out]), ...], W ~ N(0, 0.01^2), b = 0."""
    keys = jax.random.split(key, len(sizes) - 1)
    return [(INIT_STD * jax.random.normal(k, (i, o), jnp.float32), jnp.zeros((o,), jnp.float32))
            for k, i, o in zip(keys, sizes[:-1], sizes[1:])]


def mlp(params, x):
    """ReLU after every layer but the last; returns the output and the hidden activations."""
    hidden = []
    for W, b in params[:-1]:
        x = jax.nn.relu(x @ W + b)
        hidden.append(x)
    W, b = params[-1]
    return x @ W + b, hidden


def d_loss_fn(d, real, fake):
    l_real = mlp(d, real)[0][:, 0]
    l_fake = mlp(d, fake)[0][:, 0]
    return jnp.mean(jax.nn.softplus(-l_real)) + jnp.mean(jax.nn.softplus(l_fake))


def g_loss_fn(g, d, z):
    return jnp.mean(jax.nn.softplus(-mlp(d, mlp(g, z)[0])[0][:, 0]))


# ---- Adam (TensorFlow 1's form) -----------------------------------------------------------

def adam_init(params):
    zeros = jax.tree_util.tree_map(jnp.zeros_like, params)
    return (zeros, zeros, jnp.zeros((), jnp.int32))


def adam_update(params, grads, state):
    m, v, t = state
    t = t + 1
    tf = t.astype(jnp.float32)
    lr_t = LR * jnp.sqrt(1 - BETA2 ** tf) / (1 - BETA1 ** tf)
    m = jax.tree_util.tree_map(lambda m, g: BETA1 * m + (1 - BETA1) * g, m, grads)
    v = jax.tree_util.tree_map(lambda v, g: BETA2 * v + (1 - BETA2) * g * g, v, grads)
    params = jax.tree_util.tree_map(lambda p, m, v: p - lr_t * m / (jnp.sqrt(v) + EPS), params, m, v)
    return params, (m, v, t)


# ---- training ---------------------------------------------------------------------------

def train_step(carry, _):
    g, d, g_opt, d_opt, key = carry
    key, k_real, k_zd, k_zg = jax.random.split(key, 4)
    real = sample_mixture(k_real, BATCH)
    fake = mlp(g, jax.random.normal(k_zd, (BATCH, NUM_Z), jnp.float32))[0]
    d_loss, d_grads = jax.value_and_grad(d_loss_fn)(d, real, fake)
    d, d_opt = adam_update(d, d_grads, d_opt)
    g_loss, g_grads = jax.value_and_grad(g_loss_fn)(g, d, jax.random.normal(k_zg, (BATCH, NUM_Z), jnp.float32))
    g, g_opt = adam_update(g, g_grads, g_opt)
    return (g, d, g_opt, d_opt, key), (d_loss, g_loss)


@jax.jit
def train_chunk(carry):
    """EVAL_FREQ steps; the losses of the last one."""
    carry, (d_losses, g_losses) = jax.lax.scan(train_step, carry, None, length=EVAL_FREQ)
    return carry, d_losses[-1], g_losses[-1]


@jax.jit
def probe(g, d, noise, signal_real):
    """G on the evaluation noise; D's logits and hidden activations on the signal batch."""
    fake = mlp(g, noise)[0]
    logits, hidden = mlp(d, jnp.concatenate([signal_real, fake[:BATCH]]))
    return fake, logits[:, 0], hidden


# ---- evaluation -------------------------------------------------------------------------

def mixture_metrics(x):
    """Modes captured, high-quality fraction and mode histogram, as GANScope computes them."""
    x = np.asarray(x, np.float64)
    d2 = ((x[:, None, :] - MEANS[None]) ** 2 / VARIANCES[None]).sum(-1)   # [n, K] squared Mahalanobis
    finite = np.isfinite(x).all(1)
    nearest = np.argmin(np.where(finite[:, None], d2, np.inf), 1)          # first on ties
    good = finite & (d2[np.arange(len(x)), nearest] <= HQ_THRESHOLD ** 2)
    K = len(WEIGHTS)
    q = np.array([np.sum(finite & (nearest == k)) for k in range(K)]) / len(x)
    modes = sum(np.sum(good & (nearest == k)) >= 1 for k in range(K))
    return int(modes), good.sum() / len(x), q


def energy_distance(x, y):
    """2 E|X - Y| - E|X - X'| - E|Y - Y'| over all ordered pairs (the V-statistic)."""
    x, y = np.asarray(x, np.float64), np.asarray(y, np.float64)
    if not (np.isfinite(x).all() and np.isfinite(y).all()):
        return float("nan")
    e = 2 * cdist(x, y).mean() - cdist(x, x).mean() - cdist(y, y).mean()
    return max(e, 0.0)


def sliced_wasserstein(x, y):
    """SW_2 over SW_PROJECTIONS directions evenly spaced on the half circle (equal sizes)."""
    x, y = np.asarray(x, np.float64), np.asarray(y, np.float64)
    if not (np.isfinite(x).all() and np.isfinite(y).all()):
        return float("nan")
    theta = np.pi * np.arange(SW_PROJECTIONS) / SW_PROJECTIONS
    u = np.stack([np.cos(theta), np.sin(theta)])                          # [2, L]
    a, b = np.sort(x @ u, 0), np.sort(y @ u, 0)
    return float(np.sqrt(((a - b) ** 2).mean()))


def evaluate(step, g, d, noise, signal_real, reference, losses):
    fake, logits, hidden = probe(g, d, noise, signal_real)
    fake, logits = np.asarray(fake), np.asarray(logits)
    modes, hq, q = mixture_metrics(fake)
    dead = [float(np.mean(~(np.asarray(h) > 0).any(0))) for h in hidden]
    return [step, modes, hq, energy_distance(fake, reference), sliced_wasserstein(fake, reference),
            q[0], q[1], dead[0], dead[1], float(logits.max() - logits.min()), losses[0], losses[1]]


def run(seed, steps, out):
    """Trains one seed; writes OUT/seed-<seed>.csv; returns seconds."""
    start = time.time()
    k_g, k_d, k_train, k_eval = jax.random.split(jax.random.PRNGKey(seed), 4)
    g = init_mlp(k_g, [NUM_Z, HIDDEN, HIDDEN, 2])
    d = init_mlp(k_d, [2, HIDDEN, HIDDEN, 1])
    k_noise, k_ref, k_signal = jax.random.split(k_eval, 3)
    noise = jax.random.normal(k_noise, (EVAL_SAMPLES, NUM_Z), jnp.float32)
    reference = np.asarray(sample_mixture(k_ref, EVAL_SAMPLES))
    signal_real = sample_mixture(k_signal, BATCH)
    carry = (g, d, adam_init(g), adam_init(d), k_train)
    rows = [evaluate(0, g, d, noise, signal_real, reference, (float("nan"), float("nan")))]
    for step in range(EVAL_FREQ, steps + 1, EVAL_FREQ):
        carry, dl, gl = train_chunk(carry)
        rows.append(evaluate(step, carry[0], carry[1], noise, signal_real, reference, (float(dl), float(gl))))
    tmp = os.path.join(out, f".seed-{seed}.csv.tmp")
    with open(tmp, "w") as f:
        f.write(",".join(COLUMNS) + "\n")
        for r in rows:
            f.write(",".join(str(v) for v in r) + "\n")
    os.replace(tmp, os.path.join(out, f"seed-{seed}.csv"))
    return time.time() - start


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seeds", type=int, nargs="+", required=True, help="seeds to train")
    p.add_argument("--steps", type=int, default=25000, help="training steps (a multiple of 500)")
    p.add_argument("--out", required=True, help="directory of the per-seed CSVs")
    a = p.parse_args()
    if a.steps <= 0 or a.steps % EVAL_FREQ:
        sys.exit(f"--steps must be a positive multiple of {EVAL_FREQ}, got {a.steps}")
    os.makedirs(a.out, exist_ok=True)
    for seed in a.seeds:
        if os.path.exists(os.path.join(a.out, f"seed-{seed}.csv")):
            print(f"jax seed {seed}: done, skipped", flush=True)
            continue
        print(f"jax seed {seed}: {run(seed, a.steps, a.out):.0f} s", flush=True)


if __name__ == "__main__":
    main()
