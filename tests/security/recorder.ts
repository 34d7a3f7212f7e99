/**
 * The invariants every fuzzed request is judged by, and a record of what broke them, readable in the test
 * output and written in full (with the request bodies, for reproducing) to a JSON file.
 */
import { writeFileSync } from 'node:fs';
import type { RawResponse } from './harness';

export interface Violation {
  block: string;
  label: string;
  status: number | string;
  why: string;
  /** The request as sent (truncated when huge), so the case can be replayed. */
  request: string;
  response: string;
}

/** 501 only for an invoke whose name the bot does not implement; adaptiveCard/action is implemented. */
export function allows501(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  return b['type'] === 'invoke' && b['name'] !== 'adaptiveCard/action';
}

export class Recorder {
  readonly violations: Violation[] = [];
  /** Requests that took over a second (not a violation by themselves: an attacker's lever, reported). */
  readonly slow: { block: string; label: string; ms: number; request: string }[] = [];
  /** What each raw encoding case got, for the record (written to the file, not judged). */
  readonly outcomes: string[] = [];
  private readonly latencies = new Map<string, number[]>();
  private readonly counts = new Map<string, number>();

  /** Judges one response: no 5xx (but 501 for unimplemented invoke names), and some answer at all. */
  judge(block: string, label: string, body: unknown, request: string, r: RawResponse, want?: string): void {
    this.counts.set(block, (this.counts.get(block) ?? 0) + 1);
    const list = this.latencies.get(block) ?? [];
    list.push(r.ms);
    this.latencies.set(block, list);
    if (r.ms > 1000) this.slow.push({ block, label, ms: r.ms, request: request.slice(0, 160) });
    let why: string | undefined;
    if (r.status === 0) why = `no response (${r.noResponse ?? 'closed'}) after ${r.ms} ms`;
    else if (r.status >= 500 && !(r.status === 501 && allows501(body))) why = `HTTP ${r.status}`;
    else if (want !== undefined) why = want;
    if (why !== undefined) this.add(block, label, r.status || (r.noResponse ?? 'closed'), why, request, r.body);
  }

  add(block: string, label: string, status: number | string, why: string, request: string, response: string): void {
    this.violations.push({
      block,
      label,
      status,
      why,
      request: request.length > 2000 ? `${request.slice(0, 2000)}…(${request.length} chars)` : request,
      response: response.slice(0, 500),
    });
  }

  count(block: string): number {
    return this.counts.get(block) ?? 0;
  }

  total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }

  /** p50/p95/max latency and how many took over a second. */
  latency(block: string): string {
    const l = [...(this.latencies.get(block) ?? [])].sort((a, b) => a - b);
    if (l.length === 0) return 'no requests';
    const at = (q: number) => l[Math.min(l.length - 1, Math.floor(q * l.length))] ?? 0;
    return `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${l[l.length - 1]} ms, ${l.filter((x) => x > 1000).length} over 1 s`;
  }

  /** One line per kind of violation (label + why), with how often it happened. */
  summary(block: string): string[] {
    const groups = new Map<string, number>();
    for (const v of this.violations.filter((x) => x.block === block)) {
      const key = `${v.label} → ${v.why}`;
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    return [...groups.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n}× ${k}`);
  }

  write(file: string): void {
    writeFileSync(
      file,
      JSON.stringify({ violations: this.violations, slow: this.slow, outcomes: this.outcomes }, null, 1),
    );
  }
}
