// Pure: class-weighted, L2-regularised logistic regression over sparse features, fitted with L-BFGS. The
// objective is ½‖w‖² + C · Σ weightᵢ · log(1 + exp(−yᵢ · (w·xᵢ + b))), the bias unpenalised: the usual
// formulation, so C means what it means elsewhere. Used by scripts/train-router.mjs only; no runtime code
// imports it. Hand-written because the npm packages for this fit dense matrices without sample weights.

export interface SparseRow {
  index: Int32Array;
  value: Float64Array;
}

export interface Sample {
  row: SparseRow;
  positive: boolean;
  weight: number;
}

export interface LogisticModel {
  weights: Float64Array;
  bias: number;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
/** log(1 + e^z) without overflow. */
const softplus = (z: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));

/** A typed array's entry; the loops below never read past the end. */
const at = (values: Float64Array | Int32Array, i: number) => values[i] ?? 0;

export function linear(model: LogisticModel, row: SparseRow): number {
  let z = model.bias;
  for (let k = 0; k < row.index.length; k++) z += at(model.weights, at(row.index, k)) * at(row.value, k);
  return z;
}

export const probability = (model: LogisticModel, row: SparseRow) => sigmoid(linear(model, row));

/** Objective and gradient at x = [w…, b]. */
function objective(samples: readonly Sample[], dims: number, C: number, x: Float64Array) {
  const gradient = new Float64Array(dims + 1);
  let value = 0;
  for (let j = 0; j < dims; j++) {
    value += 0.5 * at(x, j) ** 2;
    gradient[j] = at(x, j);
  }
  const model = { weights: x, bias: at(x, dims) };
  for (const s of samples) {
    const y = s.positive ? 1 : -1;
    const margin = y * linear(model, s.row);
    value += C * s.weight * softplus(-margin);
    // d/dz of softplus(−y z) = −y σ(−y z)
    const g = -C * s.weight * y * sigmoid(-margin);
    for (let k = 0; k < s.row.index.length; k++) {
      const j = at(s.row.index, k);
      gradient[j] = at(gradient, j) + g * at(s.row.value, k);
    }
    gradient[dims] = at(gradient, dims) + g;
  }
  return { value, gradient };
}

const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += at(a, i) * at(b, i);
  return s;
};

/** One L-BFGS curvature pair: a step, the gradient's change over it, and 1 / their product. */
interface Correction {
  s: Float64Array;
  y: Float64Array;
  rho: number;
}

export interface FitOptions {
  C: number;
  /** Stop when the gradient's largest entry falls below this. */
  tolerance?: number;
  maxIterations?: number;
  memory?: number;
}

/** Minimises the objective with L-BFGS and a backtracking (Armijo) line search. */
export function fitLogistic(samples: readonly Sample[], dims: number, options: FitOptions): LogisticModel {
  const { C, tolerance = 1e-4, maxIterations = 500, memory = 10 } = options;
  let x = new Float64Array(dims + 1);
  let { value, gradient } = objective(samples, dims, C, x);
  const history: Correction[] = [];
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (gradient.reduce((m, g) => Math.max(m, Math.abs(g)), 0) < tolerance) break;
    // Two-loop recursion: direction = −H·gradient.
    const q = Float64Array.from(gradient);
    const alphas: number[] = [];
    for (let i = history.length - 1; i >= 0; i--) {
      const h = history[i] as Correction;
      const alpha = h.rho * dot(h.s, q);
      alphas[i] = alpha;
      for (let j = 0; j < q.length; j++) q[j] = at(q, j) - alpha * at(h.y, j);
    }
    const last = history.at(-1);
    const scale = last ? dot(last.s, last.y) / dot(last.y, last.y) : 1 / Math.max(1, Math.sqrt(dot(q, q)));
    for (let j = 0; j < q.length; j++) q[j] = at(q, j) * scale;
    history.forEach((h, i) => {
      const beta = h.rho * dot(h.y, q);
      for (let j = 0; j < q.length; j++) q[j] = at(q, j) + at(h.s, j) * ((alphas[i] ?? 0) - beta);
    });
    const direction = q.map((v) => -v);
    const slope = dot(gradient, direction);
    if (slope >= 0) {
      history.length = 0;
      continue;
    }
    let step = 1;
    let next = x.map((v, j) => v + step * at(direction, j));
    let trial = objective(samples, dims, C, next);
    while (trial.value > value + 1e-4 * step * slope && step > 1e-10) {
      step /= 2;
      next = x.map((v, j) => v + step * at(direction, j));
      trial = objective(samples, dims, C, next);
    }
    const s = next.map((v, j) => v - at(x, j));
    const y = trial.gradient.map((g, j) => g - at(gradient, j));
    const sy = dot(s, y);
    if (sy > 1e-12) {
      history.push({ s, y, rho: 1 / sy });
      if (history.length > memory) history.shift();
    }
    const converged = Math.abs(value - trial.value) <= 1e-9 * Math.max(1, Math.abs(value));
    x = next;
    value = trial.value;
    gradient = trial.gradient;
    if (converged) break;
  }
  return { weights: x.slice(0, dims), bias: at(x, dims) };
}
