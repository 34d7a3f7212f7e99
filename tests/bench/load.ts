// Load generator, run as its own process so the server's CPU time is measured alone.
// Usage: node load.js <json spec>; prints one JSON line with the results.
interface Spec {
  url: string;
  bodies: string[];
  total: number;
  concurrency: number;
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '{}') as Spec;
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < spec.total) {
      const body = spec.bodies[next % spec.bodies.length] ?? '{}';
      next++;
      const t0 = performance.now();
      const res = await fetch(spec.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await res.arrayBuffer();
      if (res.status !== 200) failures++;
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: spec.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  console.log(
    JSON.stringify({
      count: latencies.length,
      failures,
      seconds,
      perSecond: latencies.length / seconds,
      p50: pct(50),
      p99: pct(99),
    }),
  );
}

void main();
