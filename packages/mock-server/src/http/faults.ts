/**
 * Fault injection, off by default. When enabled (`--faults`, GRIDKIT_FAULTS)
 * faults come from a standing plan with probabilities, and per request from
 * the `X-Gridkit-Fault` header, so a test can ask for exactly the failure it
 * is about:
 *
 *   X-Gridkit-Fault: latency=800
 *   X-Gridkit-Fault: status=503; retry-after=2
 *   X-Gridkit-Fault: status=429
 *   X-Gridkit-Fault: drop-after-commit
 *
 * `drop-after-commit` runs the request to the end, commits, and then closes
 * the connection without answering: the client cannot tell whether its
 * write happened.
 */
export interface FaultPlan {
  latencyMs?: number;
  status?: 429 | 503;
  retryAfterSeconds?: number;
  dropAfterCommit?: boolean;
}

export interface FaultOptions {
  enabled: boolean;
  /** Standing plan: fixed latency, and probabilities (0–1) of each fault. */
  latencyMs?: number;
  rate503?: number;
  rate429?: number;
  rateDrop?: number;
  random?: () => number;
}

export const faultHeader = 'X-Gridkit-Fault';

/** Reads `latency=800; status=503; retry-after=2; drop-after-commit`; unknown parts are ignored. */
export function parseFaultHeader(value: string | null): FaultPlan {
  const plan: FaultPlan = {};
  for (const part of (value ?? '').split(';')) {
    const [name = '', raw = ''] = part.split('=').map((s) => s.trim().toLowerCase());
    const number = Number(raw);
    if (name === 'latency' && number >= 0) plan.latencyMs = Math.min(number, 60_000);
    if (name === 'status' && (number === 429 || number === 503)) plan.status = number;
    if (name === 'retry-after' && number >= 0) plan.retryAfterSeconds = number;
    if (name === 'drop-after-commit') plan.dropAfterCommit = true;
  }
  return plan;
}

/** Reads GRIDKIT_FAULTS / --faults: `on`, or `latency=200,503=0.1,429=0.05,drop=0.05`. */
export function parseFaultSpec(spec: string | undefined): FaultOptions {
  if (!spec || spec === '0' || spec === 'off' || spec === 'false') return { enabled: false };
  const options: FaultOptions = { enabled: true };
  for (const part of spec.split(',')) {
    const [name = '', raw = ''] = part.split('=').map((s) => s.trim());
    const number = Number(raw);
    if (Number.isNaN(number)) continue;
    if (name === 'latency') options.latencyMs = number;
    if (name === '503') options.rate503 = number;
    if (name === '429') options.rate429 = number;
    if (name === 'drop') options.rateDrop = number;
  }
  return options;
}

/** The faults for one request: the header's, else the standing plan's draws. */
export function planFaults(options: FaultOptions, header: string | null): FaultPlan {
  if (!options.enabled) return {};
  const requested = parseFaultHeader(header);
  const random = options.random ?? Math.random;
  const plan: FaultPlan = { latencyMs: options.latencyMs, ...requested };
  if (plan.status === undefined) {
    if (random() < (options.rate503 ?? 0)) plan.status = 503;
    else if (random() < (options.rate429 ?? 0)) plan.status = 429;
  }
  if (!plan.dropAfterCommit && random() < (options.rateDrop ?? 0)) plan.dropAfterCommit = true;
  return plan;
}
