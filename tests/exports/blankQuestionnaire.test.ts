/**
 * the public blank questionnaire is rendered once per (questionnaire version, field,
 * language) and served from memory with a strong ETag; revalidation gets 304.
 */
import {
  defaultRegistry,
  FIELD_IDS,
  type FieldId,
  type Locale,
  type Questionnaire,
} from '../../src/domain/selbstcheck';
import { etagMatches } from '../../src/http/exports';
import { documentExportRenderer } from '../../src/infrastructure/export/documentRenderer';
import { exportTexts } from '../../src/i18n/exportCatalog';
import { ExportService } from '../../src/services/exportService';
import { startTestService, type TestService } from '../support/service';

const documents = documentExportRenderer(exportTexts);

/** The real renderer, counted. */
function countingRenderer(fail = false) {
  const calls: string[] = [];
  const render = async (q: Questionnaire, fieldId: FieldId, locale: Locale, at: Date): Promise<Uint8Array> => {
    calls.push(`${q.version}:${fieldId}:${locale}`);
    if (fail && calls.length === 1) throw new Error('renderer failed');
    return documents.blankQuestionnaire(q, fieldId, locale, at);
  };
  return { calls, render };
}

const serviceWith = (renderBlank: ReturnType<typeof countingRenderer>['render']) =>
  new ExportService({
    selfCheck: {} as never,
    source: {} as never,
    municipalities: {} as never,
    registry: defaultRegistry,
    clock: { now: () => new Date() },
    renderer: { ...documents, blankQuestionnaire: renderBlank },
  });

const cpuMs = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
};

describe('ExportService.blankQuestionnaire', () => {
  it('renders each field and language once, also for concurrent first requests', async () => {
    const { calls, render } = countingRenderer();
    const exports = serviceWith(render);
    const [a, b] = await Promise.all([exports.blankQuestionnaire('MS', 'de'), exports.blankQuestionnaire('MS', 'de')]);
    const c = await exports.blankQuestionnaire('MS', 'de');
    expect(calls).toHaveLength(1);
    expect(b).toBe(a);
    expect(c).toBe(a);
    const en = await exports.blankQuestionnaire('MS', 'en');
    expect(calls).toHaveLength(2);
    expect(en.etag).not.toBe(a.etag);
    for (const field of FIELD_IDS)
      for (const locale of ['de', 'en'] as const) await exports.blankQuestionnaire(field, locale);
    expect(calls).toHaveLength(FIELD_IDS.length * 2);
    const version = defaultRegistry.questionnaireVersions().at(-1);
    expect(new Set(calls)).toEqual(new Set(FIELD_IDS.flatMap((f) => [`${version}:${f}:de`, `${version}:${f}:en`])));
  });

  it('gives the same bytes and ETag on another instance (fixed PDF dates), and a strong ETag', async () => {
    const one = await serviceWith(countingRenderer().render).blankQuestionnaire('KK', 'en');
    const two = await serviceWith(countingRenderer().render).blankQuestionnaire('KK', 'en');
    expect(one.body.equals(two.body)).toBe(true);
    expect(one.etag).toBe(two.etag);
    expect(one.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(one.body.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('does not keep a failed render', async () => {
    const { calls, render } = countingRenderer(true);
    const exports = serviceWith(render);
    await expect(exports.blankQuestionnaire('IO', 'de')).rejects.toThrow('renderer failed');
    await expect(exports.blankQuestionnaire('IO', 'de')).resolves.toMatchObject({ contentType: 'application/pdf' });
    expect(calls).toHaveLength(2);
  });

  it('If-None-Match matching follows RFC 9110 (lists, weak tags, *)', () => {
    expect(etagMatches('"abc"', '"abc"')).toBe(true);
    expect(etagMatches('W/"abc"', '"abc"')).toBe(true);
    expect(etagMatches('"x", "abc"', '"abc"')).toBe(true);
    expect(etagMatches('*', '"abc"')).toBe(true);
    expect(etagMatches('"abd"', '"abc"')).toBe(false);
    expect(etagMatches('', '"abc"')).toBe(false);
  });
});

describe('GET /api/exports/questionnaire/<field>.pdf in the running service', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ WEBCHAT_ENABLED: 'false' });
  }, 60_000);
  afterAll(async () => svc.stop());

  it('serves from memory after the first request, with an ETag and 304 on revalidation (CPU measured)', async () => {
    const q = defaultRegistry.getQuestionnaire(defaultRegistry.questionnaireVersions().at(-1) ?? 1);
    // Before: every request rendered. What one render costs here:
    const renders: number[] = [];
    for (const field of ['AW', 'EB', 'ZB', 'IO', 'KK'] as const) {
      const from = process.cpuUsage();
      await documents.blankQuestionnaire(q, field, 'de', new Date());
      renders.push(cpuMs(from));
    }

    const path = `${svc.url}/api/exports/questionnaire/FZ.pdf?lang=en`;
    const firstFrom = process.cpuUsage();
    const first = await fetch(path);
    const body = Buffer.from(await first.arrayBuffer());
    const firstMs = cpuMs(firstFrom);
    expect(first.status).toBe(200);
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(first.headers.get('content-type')).toBe('application/pdf');

    const cached: number[] = [];
    for (let i = 0; i < 20; i++) {
      const from = process.cpuUsage();
      const again = await fetch(path);
      const again_body = Buffer.from(await again.arrayBuffer());
      cached.push(cpuMs(from));
      expect(again.headers.get('etag')).toBe(etag);
      expect(again_body.equals(body)).toBe(true);
    }

    const revalidated = await fetch(path, { headers: { 'if-none-match': etag } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('etag')).toBe(etag);
    expect((await revalidated.arrayBuffer()).byteLength).toBe(0);
    expect((await fetch(path, { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
    // The German file is another entry with another tag.
    const german = await fetch(`${svc.url}/api/exports/questionnaire/FZ.pdf`, { headers: { 'if-none-match': etag } });
    expect(german.status).toBe(200);
    expect(german.headers.get('etag')).not.toBe(etag);

    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    // A cached answer is far cheaper than a render (the process also runs the test's HTTP client).
    expect(median(cached)).toBeLessThan(median(renders) / 2);
    console.log(
      `blank questionnaire CPU: render ${renders.map((m) => m.toFixed(1)).join('/')} ms (before: every request), ` +
        `first request ${firstMs.toFixed(1)} ms, cached requests median ${median(cached).toFixed(1)} ms (client included)`,
    );
  });
});
