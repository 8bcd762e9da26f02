# Peer for bench/convex.ts: the same convex program P(S) solved by cvxopt's cone QP solver (Debian's
# python3-cvxopt). Reads {X, y, lambda, bits, signs, reps} JSON on stdin, prints {value, seconds}.
#   min (1/n)‖e‖² + 2λ Σ tᵢ  s.t.  Σ sᵢDᵢXuᵢ − e = y,  (2Dᵢ − I)Xuᵢ ≥ 0,  ‖uᵢ‖ ≤ tᵢ
import json, sys, time
from cvxopt import matrix, spmatrix, solvers

inp = json.load(sys.stdin)
X, y, lam = inp["X"], inp["y"], inp["lambda"]
bits, signs = inp["bits"], inp["signs"]
n, d, P = len(X), len(X[0]), len(signs)
nu, nt = P * d, P
N = nu + nt + n  # x = [u (P·d), t (P), e (n)]
solvers.options.update({"show_progress": False, "abstol": 1e-9, "reltol": 1e-9, "feastol": 1e-9, "maxiters": 100})

def build():
    Pm = spmatrix([2.0 / n] * n, range(nu + nt, N), range(nu + nt, N), (N, N))
    q = matrix([0.0] * nu + [2 * lam] * nt + [0.0] * n)
    # equality: Σ sᵢDᵢXuᵢ − e = y
    Av, Ai, Aj = [], [], []
    for i in range(P):
        for k in range(n):
            if bits[i][k]:
                for j in range(d):
                    Av.append(signs[i] * X[k][j]); Ai.append(k); Aj.append(i * d + j)
    for k in range(n):
        Av.append(-1.0); Ai.append(k); Aj.append(nu + nt + k)
    A = spmatrix(Av, Ai, Aj, (n, N))
    # cones: linear rows −(2Dᵢ−I)Xuᵢ ≤ 0, then per pattern (tᵢ, uᵢ) ∈ SOC: s = −G x
    Gv, Gi, Gj = [], [], []
    row = 0
    for i in range(P):
        for k in range(n):
            sg = 1.0 if bits[i][k] else -1.0
            for j in range(d):
                Gv.append(-sg * X[k][j]); Gi.append(row); Gj.append(i * d + j)
            row += 1
    for i in range(P):
        Gv.append(-1.0); Gi.append(row); Gj.append(nu + i)
        for j in range(d):
            Gv.append(-1.0); Gi.append(row + 1 + j); Gj.append(i * d + j)
        row += d + 1
    G = spmatrix(Gv, Gi, Gj, (row, N))
    h = matrix([0.0] * row)
    return Pm, q, G, h, A, matrix(y)

best = None
for _ in range(inp.get("reps", 1)):
    t0 = time.perf_counter()
    Pm, q, G, h, A, b = build()
    sol = solvers.coneqp(Pm, q, G, h, {"l": P * n, "q": [d + 1] * P, "s": []}, A, b)
    dt = time.perf_counter() - t0
    best = dt if best is None else min(best, dt)
x = sol["x"]
val = sum(x[nu + nt + k] ** 2 for k in range(n)) / n + 2 * lam * sum(x[nu + i] for i in range(nt))
print(json.dumps({"value": val, "seconds": best, "status": sol["status"], "iterations": sol["iterations"]}))
