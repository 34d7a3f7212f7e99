import { releasedFrom } from '../support/released';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { renderFieldFormCard } from '../../cards/fieldFormCard';
import { renderChannelSummaryCard } from '../../cards/channelSummaryCard';
import { renderComparisonCard } from '../../cards/comparisonCard';
import { renderAuditTrailCard } from '../../cards/auditTrailCard';
import type { AuditDetail } from '../../src/domain/ports/audit';
import { dashboardLink } from '../../src/services/dashboardLinks';
import { renderQuestionCard } from '../../cards/questionCard';
import { renderFieldSummaryCard, renderOverallSummaryCard } from '../../cards/summaryCard';
import {
  FIELD_IDS,
  applicableQuestions,
  changeBetweenRounds,
  compareWithRelease,
  consolidate,
  currentQuestionnaire,
  recommend,
  scoreAssessment,
  scoreField,
  type AnswerMap,
  type AnswerValue,
} from '../../src/domain/selbstcheck';

// The renderer's own Node build (its ES module build lacks file extensions and does not load in Node).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => {
    parse(json: unknown, ctx: unknown): void;
    validateProperties(): { validationEvents: unknown[] };
  };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
};

const CHROMIUM = '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '..', '..');
// Screenshots go to docs/cards/ when asked for (WRITE_DOCS_SCREENSHOTS=1), else to a temporary folder.
const OUT =
  process.env.WRITE_DOCS_SCREENSHOTS === '1'
    ? path.join(ROOT, 'docs', 'cards')
    : mkdtempSync(path.join(tmpdir(), 'cards-'));

const q = currentQuestionnaire();
const SCALE: readonly AnswerValue[] = ['full', 'partial', 'planned', 'none', 'unknown'];
/** A deterministic, mixed municipality: answers cycle through the scale with a per-person offset. */
function answersOf(offset: number): AnswerMap {
  return Object.fromEntries(
    q.questions.map((question, i) => [question.id, SCALE.at((i * 3 + offset) % SCALE.length)!]),
  );
}

const AUDIT_DETAILS: readonly AuditDetail[] = [
  { role: 'lead' },
  { role: 'member', codeStart: '7K3M', maxUses: 5 },
  { answersRemoved: 12 },
  { via: 'teams_sso' },
];

function cards() {
  const question = q.questions.find((x) => x.id === 'FZ-05') ?? q.questions[0];
  if (!question) throw new Error('empty questionnaire');
  const mine = answersOf(0);
  const consolidated = consolidate(q, [
    { respondentId: 'r1', role: 'integration_officer', answers: mine },
    { respondentId: 'r2', role: 'mayor', answers: answersOf(2) },
  ]);
  return {
    question: renderQuestionCard({
      host: 'teams',
      locale: 'de',
      assessmentId: 'a-1',
      questionnaireVersion: q.version,
      question,
      position: 5,
      total: 27,
    }),
    // The largest field (FZ, 27 questions) as a compact form, half answered.
    'compact-form': renderFieldFormCard({
      host: 'teams',
      locale: 'de',
      assessmentId: 'a-1',
      questionnaireVersion: q.version,
      fieldId: 'FZ',
      questions: applicableQuestions(q, 'FZ', mine),
      answers: Object.fromEntries(Object.entries(mine).filter(([id], i) => id.startsWith('FZ') && i % 2 === 0)),
    }),
    'field-summary': renderFieldSummaryCard({
      host: 'teams',
      locale: 'de',
      assessmentId: 'a-1',
      score: scoreField(q, 'MS', mine),
      recommendations: recommend(q, mine, 'MS'),
    }),
    'overall-summary': renderOverallSummaryCard({
      host: 'teams',
      locale: 'de',
      assessmentId: 'a-1',
      municipalityName: 'Potsdam',
      respondents: 2,
      score: scoreAssessment(q, consolidated.answers),
      divergences: consolidated.divergences,
      questionnaire: q,
      recommendations: FIELD_IDS.flatMap((f) => recommend(q, consolidated.answers, f)),
    }),
    // Coordinators' cards with the button into the dashboard tab.
    'channel-summary': renderChannelSummaryCard({
      locale: 'de',
      municipalityName: 'Potsdam',
      event: { kind: 'field_completed', fieldId: 'IO', role: 'integration_officer' },
      respondents: 2,
      score: scoreAssessment(q, consolidated.answers),
      dashboardUrl: toDashboard('potsdam'),
    }),
    comparison: renderComparisonCard({
      locale: 'de',
      municipalityName: 'Potsdam',
      comparison: compareWithRelease(
        scoreAssessment(q, consolidated.answers),
        releasedFrom([1, 2, 3, 4, 5, 6].map((o) => scoreAssessment(q, answersOf(o)))),
      ),
      change: {
        previousRound: 1,
        change: changeBetweenRounds(scoreAssessment(q, answersOf(3)), scoreAssessment(q, consolidated.answers)),
      },
      dashboardUrl: toDashboard('potsdam'),
    }),
    // `protokoll`: a full chat page of the audit trail (20 entries) with the button to the dashboard's page.
    'audit-trail': renderAuditTrailCard({
      locale: 'de',
      scope: null,
      more: true,
      dashboardUrl: 'https://bot.example.org/dashboard/?view=audit',
      entries: Array.from({ length: 20 }, (_v, i) => ({
        at: new Date(Date.UTC(2026, 11, 3, 14, 59 - i)),
        action: (['role_granted', 'code_issued', 'member_removed', 'dashboard_signin'] as const)[i % 4]!,
        actor: `P-${String(i).padStart(8, 'A')}`,
        subject: i % 4 === 1 || i % 4 === 3 ? null : 'P-7K3MQ2XZ',
        municipality: i % 4 === 3 ? null : 'Landkreis Teltow-Fläming',
        detail: AUDIT_DETAILS[i % 4]!,
      })),
    }),
  };
}

const toDashboard = dashboardLink({
  publicBaseUrl: 'https://bot.example.org',
  teamsAppId: '3f2a1c9e-7b1d-4c55-9a0e-2b6d8f1e4a77',
});

describe('cards against the Adaptive Cards renderer', () => {
  it.each(Object.entries(cards()))('%s parses without errors or warnings', (_name, { card }) => {
    const ctx = new AC.SerializationContext();
    const parsed = new AC.AdaptiveCard();
    parsed.parse(card, ctx);
    const events = Array.from({ length: ctx.eventCount }, (_v, i) => ctx.getEventAt(i).message);
    expect(events).toEqual([]);
    expect(parsed.validateProperties().validationEvents).toEqual([]);
  });
});

(existsSync(CHROMIUM) ? describe : describe.skip)('cards rendered in Chromium', () => {
  let context: BrowserContext;
  let profile: string;
  beforeAll(async () => {
    profile = mkdtempSync(path.join(tmpdir(), 'cards-profile-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 480, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it.each(Object.entries(cards()))('%s renders and is screenshotted', async (name, { card }) => {
    const page = await context.newPage();
    const dist = path.join(ROOT, 'node_modules', 'adaptivecards', 'dist');
    await page.setContent(
      `<!doctype html><html lang="de"><head><meta charset="utf-8"><style>${readFileSync(path.join(dist, 'adaptivecards.css'), 'utf8')}
       body{font-family:"Segoe UI",system-ui,sans-serif;background:#f5f5f5;margin:0;padding:16px}#card{background:#fff;width:440px;border-radius:6px;box-shadow:0 1px 3px rgba(0,0,0,.2)}</style></head>
       <body><div id="card"></div></body></html>`,
    );
    await page.addScriptTag({ path: path.join(dist, 'adaptivecards.min.js') });
    const rendered = await page.evaluate<{ text: string; buttons: number; height: number }>(`(() => {
      const c = new AdaptiveCards.AdaptiveCard();
      c.parse(${JSON.stringify(card)});
      const el = c.render();
      document.getElementById('card').appendChild(el);
      return { text: el.innerText, buttons: el.querySelectorAll('button').length, height: el.getBoundingClientRect().height };
    })()`);
    expect(rendered.height).toBeGreaterThan(100);
    expect(rendered.buttons).toBeGreaterThan(0);
    if (name === 'question') expect(rendered.text).toContain('Leichter Sprache');
    if (name === 'compact-form') {
      expect(rendered.text).toContain('FZ-01');
      // Teams refuses cards above about 28 KB.
      expect(JSON.stringify(card).length).toBeLessThan(28_000);
    }
    if (name === 'audit-trail') {
      expect(rendered.text).toContain('Rolle vergeben');
      expect(JSON.stringify(card).length).toBeLessThan(28_000);
    }
    if (name === 'overall-summary')
      for (const f of FIELD_IDS) expect(rendered.text).toContain(q.fields.find((x) => x.id === f)?.name.de ?? f);
    mkdirSync(OUT, { recursive: true });
    await page.locator('#card').screenshot({ path: path.join(OUT, `${name}.png`) });
    await page.close();
  });
});
