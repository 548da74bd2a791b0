"""GAN on ring8 under the VEEGAN protocol, written independently in NumPy (docs/reproduce.md).

    python3 scripts/fidelity/veegan_numpy.py INIT LOSS STEPS SEED

INIT is normal (N(0, 0.01^2)) or glorot (uniform on +-sqrt(6/(fan_in+fan_out))); LOSS is
nsgan (G minimises -log D(G(z))) or gan (G minimises log(1 - D(G(z)))). G and D have 2 hidden
layers of 128 tanh units, z is 256-d standard normal, Adam with beta1 0.5 and learning rates
1e-4 (D) and 1e-3 (G), batch 512; ring8: 8 modes on a circle of radius 1, std 0.01. Ten
times in the run it prints the modes captured and the high-quality percentage of 2,500
samples (within 3 std of a mode), scored as GANScope scores them. Needs NumPy only.
"""
import sys

import numpy as np

if len(sys.argv) != 5 or sys.argv[1] not in ("normal", "glorot") or sys.argv[2] not in ("nsgan", "gan"):
    sys.exit(__doc__)
init, loss, steps, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rng = np.random.default_rng(seed)


def layer(fan_in, fan_out):
    if init == "glorot":
        a = np.sqrt(6 / (fan_in + fan_out))
        w = rng.uniform(-a, a, (fan_in, fan_out))
    else:
        w = rng.normal(0, 0.01, (fan_in, fan_out))
    return [w.astype(np.float32), np.zeros(fan_out, np.float32)]


def mlp(sizes):
    return [p for i, o in zip(sizes[:-1], sizes[1:]) for p in layer(i, o)]


def forward(params, x):
    """Every layer's output, input first; tanh after each hidden layer."""
    hs = [x]
    for k in range(0, len(params), 2):
        y = hs[-1] @ params[k] + params[k + 1]
        hs.append(np.tanh(y) if k < len(params) - 2 else y)
    return hs


def backward(params, hs, d_out):
    """Parameter gradients and the input gradient from d_out = dL/d(output)."""
    grads, d = [None] * len(params), d_out
    for k in range(len(params) - 2, -1, -2):
        if k < len(params) - 2:
            d = d * (1 - hs[k // 2 + 1] ** 2)
        grads[k], grads[k + 1] = hs[k // 2].T @ d, d.sum(0)
        d = d @ params[k].T
    return grads, d


class Adam:
    def __init__(self, params, lr):
        self.lr, self.t = lr, 0
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]

    def step(self, params, grads):
        self.t += 1
        for i, g in enumerate(grads):
            self.m[i] = 0.5 * self.m[i] + 0.5 * g
            self.v[i] = 0.999 * self.v[i] + 0.001 * g ** 2
            m_hat, v_hat = self.m[i] / (1 - 0.5 ** self.t), self.v[i] / (1 - 0.999 ** self.t)
            params[i] -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-8)


G, D = mlp([256, 128, 128, 2]), mlp([2, 128, 128, 1])
adam_d, adam_g = Adam(D, 1e-4), Adam(G, 1e-3)
angles = np.arange(8) * 2 * np.pi / 8
means = np.stack([np.cos(angles), np.sin(angles)], 1).astype(np.float32)
batch = 512
sigmoid = lambda a: 1 / (1 + np.exp(-a))


def real(n):
    return (means[rng.integers(0, 8, n)] + 0.01 * rng.standard_normal((n, 2))).astype(np.float32)


def noise(n):
    return rng.standard_normal((n, 256)).astype(np.float32)


def report(step, d_loss):
    x = forward(G, noise(2500))[-1]
    dist = np.sqrt(((x[:, None, :] - means[None]) ** 2).sum(-1))
    high = dist.min(1) <= 3 * 0.01
    modes = (np.bincount(dist.argmin(1)[high], minlength=8) > 0).sum()
    print(f"step {step} modes {modes} HQ {100 * high.mean():.2f}% d_loss {d_loss:.4f}", flush=True)


d_loss = float("nan")
for t in range(steps + 1):
    if t % max(steps // 10, 1) == 0:
        report(t, d_loss)
    if t == steps:
        break
    # D: softplus(-D(x)) on real samples plus softplus(D(G(z))) on generated ones.
    hr, hf = forward(D, real(batch)), forward(D, forward(G, noise(batch))[-1])
    gr, _ = backward(D, hr, (sigmoid(hr[-1]) - 1) / batch)
    gf, _ = backward(D, hf, sigmoid(hf[-1]) / batch)
    adam_d.step(D, [a + b for a, b in zip(gr, gf)])
    d_loss = float(np.mean(np.logaddexp(0, -hr[-1])) + np.mean(np.logaddexp(0, hf[-1])))
    # G through D, on fresh noise.
    hg = forward(G, noise(batch))
    hd = forward(D, hg[-1])
    logits = hd[-1]
    d_logits = (sigmoid(logits) - 1) / batch if loss == "nsgan" else -sigmoid(logits) / batch
    _, dx = backward(D, hd, d_logits)
    gg, _ = backward(G, hg, dx)
    adam_g.step(G, gg)
