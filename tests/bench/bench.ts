// `npm run bench`: one run that compares a bare restify route, a CloudAdapter echo turn and this
// bot's own turns with state in the database, so every later change can be measured against the floor.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import os from 'node:os';
import restify from 'restify';
import pg from 'pg';
import { ActivityHandler, ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { loadConfig } from '../../src/config';
import { startService } from '../../src/index';
import { WeltoffenCloudAdapter } from '../../src/infrastructure/bot/weltoffenCloudAdapter';
import { createLogger } from '../../src/infrastructure/logger';
import { newCode } from '../../src/infrastructure/repositories/codeHash';
import { PrismaInvitationRepository } from '../../src/infrastructure/repositories/prismaInvitationRepository';

const TOTAL = Number(process.env.BENCH_TURNS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const CONVERSATIONS = 200;
// BENCH_SCENARIOS=be runs only echo and the answer turn (e.g. under --cpu-prof); default: all.
const SCENARIOS = new Set((process.env.BENCH_SCENARIOS ?? 'abcde').split(''));
const wanted = (letter: string) => SCENARIOS.has(letter);

interface Result {
  scenario: string;
  count: number;
  failures: number;
  perSecond: number;
  p50: number;
  p99: number;
  cpuUsPerTurn: number;
  systemUsPerTurn: number;
  queriesPerTurn?: number;
}

function activity(conversation: number, text: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    type: 'message',
    text,
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    locale: 'de-DE',
    deliveryMode: 'expectReplies',
    conversation: { id: `bench-${conversation}`, conversationType: 'personal' },
    from: { id: `user-${conversation}` },
    recipient: { id: 'bot' },
    ...extra,
  });
}

async function drive(
  scenario: string,
  url: string,
  bodies: string[],
  countQueries?: () => Promise<number>,
): Promise<Result> {
  const loader = path.join(__dirname, 'load.js');
  // Asynchronous on purpose: the server runs on this thread and must keep answering.
  const run = (total: number) =>
    new Promise<Omit<Result, 'scenario' | 'cpuUsPerTurn' | 'systemUsPerTurn'>>((resolve, reject) => {
      execFile(
        process.execPath,
        [loader, JSON.stringify({ url, bodies, total, concurrency: CONCURRENCY })],
        (err, stdout) => {
          // Node types the callback's error as an intersection the lint rule does not see as an Error; wrap it.
          if (err) reject(new Error(`load generator failed: ${err.message}`, { cause: err }));
          else resolve(JSON.parse(stdout) as Omit<Result, 'scenario' | 'cpuUsPerTurn' | 'systemUsPerTurn'>);
        },
      );
    });
  await run(Math.min(500, TOTAL)); // warm-up: JIT, connection pools, first inserts
  const q0 = countQueries ? await countQueries() : 0;
  const cpu0 = process.cpuUsage();
  const r = await run(TOTAL);
  const cpu = process.cpuUsage(cpu0);
  const q1 = countQueries ? await countQueries() : 0;
  return {
    scenario,
    ...r,
    cpuUsPerTurn: (cpu.user + cpu.system) / r.count,
    systemUsPerTurn: cpu.system / r.count,
    ...(countQueries ? { queriesPerTurn: (q1 - q0) / r.count } : {}),
  };
}

async function listen(server: restify.Server): Promise<string> {
  await new Promise<void>((r) => {
    server.listen(0, '127.0.0.1', r);
  });
  return `http://127.0.0.1:${server.address().port}`;
}

async function main(): Promise<void> {
  const results: Result[] = [];
  const logger = createLogger('silent');

  // (a) the floor of HTTP: restify with the same JSON body parser, no bot.
  const bare = restify.createServer();
  bare.post('/bare', restify.plugins.jsonBodyParser({ mapParams: false }), (_req, res, next) => {
    res.json(200, { ok: true });
    next();
  });
  const bareUrl = await listen(bare);
  if (wanted('a')) results.push(await drive('a) bare restify route', `${bareUrl}/bare`, [activity(0, 'x')]));
  bare.close();

  // (b) the floor of a bot turn: CloudAdapter with an echo handler, no state.
  const echoAdapter = new WeltoffenCloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const echoBot = new ActivityHandler();
  echoBot.onMessage(async (ctx, next) => {
    await ctx.sendActivity(ctx.activity.text ?? '');
    await next();
  });
  const echo = restify.createServer();
  echo.post('/api/messages', restify.plugins.jsonBodyParser({ mapParams: false }), async (req, res) => {
    // The bench sends well-formed activities only (see activity() above); this floor skips validation on purpose.
    const r = await echoAdapter.handle('', req.body as Activity, (ctx) => echoBot.run(ctx));
    res.send(r?.status ?? 200, r?.body);
  });
  const echoUrl = await listen(echo);
  if (wanted('b'))
    results.push(await drive('b) CloudAdapter echo turn', `${echoUrl}/api/messages`, [activity(0, 'hallo')]));
  echo.close();

  // (c, d) this bot through its real composition root, state in the configured database.
  const dbUrl = process.env.BENCH_DATABASE_URL ?? 'pglite:memory';
  let admin: pg.Client | undefined;
  let dbName: string | undefined;
  let target = dbUrl;
  if (dbUrl.startsWith('postgres')) {
    admin = new pg.Client({ connectionString: dbUrl });
    await admin.connect();
    dbName = `wb_bench_${randomUUID().slice(0, 8)}`;
    await admin.query(`CREATE DATABASE ${dbName}`);
    const u = new URL(dbUrl);
    u.pathname = `/${dbName}`;
    target = u.toString();
  }
  const service = await startService(
    loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATABASE_URL: target }),
    { logger },
  );
  const url = `http://127.0.0.1:${service.port}/api/messages`;
  // Count the statements the service sends: every query of a pg client connected to the bench database.
  let statements = 0;
  // Taken from the property descriptor: the original is only ever called with a client as `this` (below).
  const originalQuery = Object.getOwnPropertyDescriptor(pg.Client.prototype, 'query')?.value as
    ((this: pg.Client, ...a: unknown[]) => unknown) | undefined;
  if (originalQuery === undefined) throw new Error('pg.Client.prototype.query not found');
  pg.Client.prototype.query = function countingQuery(this: pg.Client, ...args: unknown[]) {
    if (this.database === dbName) statements++;
    return originalQuery.apply(this, args);
  } as typeof pg.Client.prototype.query;
  const countQueries = admin ? () => Promise.resolve(statements) : undefined;
  const conversations = Array.from({ length: CONVERSATIONS }, (_, i) => i);
  if (wanted('c'))
    results.push(
      await drive(
        'c) help turn (state read)',
        url,
        conversations.map((i) => activity(i, 'hilfe')),
        countQueries,
      ),
    );
  // Alternating languages changes user state on every turn: read both states, write one.
  if (wanted('d'))
    results.push(
      await drive(
        'd) language switch (state read + write)',
        url,
        conversations.flatMap((i) => [activity(i, 'english'), activity(i, 'deutsch')]),
        countQueries,
      ),
    );
  // (e) the self-check answer turn: validate a typed answer, store it, save state, render the next card.
  // Every conversation is onboarded first (consent, municipality, role), outside the measurement.
  const answerConversations = conversations.map((i) => 1000 + i);
  // Staff join Potsdam with an invitation code, as they do since membership is verified (one code for all).
  const code = newCode('invitation');
  if (wanted('e'))
    await new PrismaInvitationRepository(service.db.prisma).create({
      code: code.text,
      codeStart: code.start,
      municipalityId: 'potsdam',
      role: 'member',
      maxUses: null,
      expiresAt: new Date(Date.now() + 3600_000),
      createdBy: 'bench',
    });
  if (wanted('e'))
    await Promise.all(
      Array.from({ length: 8 }, async (_, worker) => {
        for (const i of answerConversations.filter((c) => c % 8 === worker)) {
          for (const text of ['start', 'ja', code.text, 'Verwaltungsspitze']) {
            const res = await fetch(url, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: activity(i, text),
            });
            if (res.status !== 200) throw new Error(`onboarding turn '${text}' failed: ${res.status}`);
          }
        }
      }),
    );
  // Measure answer turns only: every conversation must have become a member with a role.
  const members = await service.db.prisma.respondent.count({
    where: { municipalityId: 'potsdam', membership: 'invitation', role: 'mayor' },
  });
  if (wanted('e') && members !== answerConversations.length)
    throw new Error(`onboarding failed: ${members} of ${answerConversations.length} conversations joined`);
  if (wanted('e'))
    results.push(
      await drive(
        'e) self-check answer turn',
        url,
        answerConversations.map((i) => activity(i, '2')),
        countQueries,
      ),
    );
  const db = dbUrl.startsWith('postgres') ? 'PostgreSQL' : 'PGlite (in memory)';
  console.log(
    `\n${TOTAL} turns per scenario, ${CONCURRENCY} concurrent, ${os.cpus().length} cores, Node ${process.version}, bot state on ${db}\n`,
  );
  // System time is split out: on loopback the kernel delivers each socket write to its reader (PostgreSQL,
  // the load driver) inside the writer's system call, so it is charged to this process.
  console.log(
    '| scenario | turns/s | p50 ms | p99 ms | server CPU µs/turn | of it system µs | × echo CPU | user CPU × echo | DB statements/turn |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  const echoResult = results.find((r) => r.scenario.startsWith('b)'));
  const echoCpu = echoResult?.cpuUsPerTurn ?? Number.NaN;
  const echoUser = echoResult ? echoResult.cpuUsPerTurn - echoResult.systemUsPerTurn : Number.NaN;
  for (const r of results) {
    console.log(
      `| ${r.scenario} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.cpuUsPerTurn.toFixed(0)} | ${r.systemUsPerTurn.toFixed(0)} | ${(r.cpuUsPerTurn / echoCpu).toFixed(2)} | ${((r.cpuUsPerTurn - r.systemUsPerTurn) / echoUser).toFixed(2)} | ${r.queriesPerTurn?.toFixed(2) ?? '–'} |${r.failures ? ` ${r.failures} failed` : ''}`,
    );
  }
  await service.stop();
  if (admin && dbName) {
    await admin.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
