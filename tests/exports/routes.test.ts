/**
 * GET /api/exports/…: the dashboard's bearer downloads (access decided per request, every file recorded in the
 * audit trail), the public blank questionnaire, and the retired signed `?exp&iss&sig` links, which are refused
 * with a hint and change nothing.
 */
import { MUNICIPALITY, MUNICIPALITY_NAME } from './seed';
import { COORDINATOR, LEAD, auditRows, startExportHarness, type ExportHarness } from './harness';

describe('/api/exports', () => {
  let h: ExportHarness;
  beforeAll(async () => {
    h = await startExportHarness();
  }, 60_000);
  afterAll(async () => h.close());

  it.each([
    ['coordinator', 'tok-coord', MUNICIPALITY, 200],
    ['coordinator, other municipality without a round', 'tok-coord', 'potsdam', 404],
    ['lead, own municipality', 'tok-lead', MUNICIPALITY, 200],
    ['lead, other municipality', 'tok-other', MUNICIPALITY, 403],
    ['respondent of the municipality', 'tok-resp', MUNICIPALITY, 403],
    ['unknown token', 'tok-nobody', MUNICIPALITY, 401],
  ])('bearer: %s → %i', async (_who, token, municipality, status) => {
    for (const file of ['answers.csv', 'answers.json', 'report.pdf']) {
      const res = await h.get(`/api/exports/${municipality}/${file}`, token);
      expect(res.status).toBe(status);
      if (status === 200) {
        const body = Buffer.from(await res.arrayBuffer());
        expect(res.headers.get('cache-control')).toBe('no-store');
        if (file === 'answers.csv') expect(body.toString('utf8')).toContain(MUNICIPALITY_NAME);
        if (file === 'report.pdf') expect(body.subarray(0, 5).toString()).toBe('%PDF-');
      } else {
        const json = (await res.json()) as { code: string; message: string };
        expect(typeof json.code).toBe('string');
        expect(JSON.stringify(json)).not.toContain('Befragte');
      }
    }
  });

  it('records each bearer download in the audit trail under a pseudonym, and refusals not at all', async () => {
    const before = (await auditRows(h.db)).length;
    expect((await h.get(`/api/exports/${MUNICIPALITY}/answers.json`, 'tok-lead')).status).toBe(200);
    expect((await h.get(`/api/exports/${MUNICIPALITY}/answers.json`, 'tok-other')).status).toBe(403);
    const added = (await auditRows(h.db)).slice(before);
    const pseudonym = await h.db.prisma.auditPseudonym.findUnique({ where: { identityKey: LEAD } });
    expect(added).toEqual([
      {
        action: 'export_downloaded',
        actor: pseudonym?.pseudonym,
        subject: null,
        municipalityId: MUNICIPALITY,
        detail: { format: 'json', via: 'dashboard' },
      },
    ]);
    expect(pseudonym?.pseudonym).toMatch(/^P-[0-9A-Z]{8}$/);
    expect(JSON.stringify(added)).not.toContain('aad:');
  });

  it('refuses a bearer download when the audit trail cannot record it', async () => {
    h.failAudit = true;
    try {
      const res = await h.get(`/api/exports/${MUNICIPALITY}/answers.csv`, 'tok-coord');
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).not.toContain('Befragte');
      expect(text).not.toContain('audit');
    } finally {
      h.failAudit = false;
    }
  });

  it('without credentials answers 401 with JSON', async () => {
    const res = await h.get(`/api/exports/${MUNICIPALITY}/answers.csv`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await res.json()) as { code: string }).code).toBe('Unauthorized');
  });

  it('refuses the old signed ?exp&iss&sig links with a hint to ask the bot, changing nothing', async () => {
    const exp = String(Math.floor(h.now.getTime() / 1000) + 600);
    const iss = Buffer.from(COORDINATOR).toString('base64url');
    const rowsBefore = await auditRows(h.db);
    const links = await h.db.prisma.downloadLink.count();
    for (const [query, bearer] of [
      [`exp=${exp}&iss=${iss}&sig=AAAA`, undefined],
      [`sig=AAAA`, undefined],
      [`exp=${exp}&iss=${iss}&sig=AAAA&lang=en`, 'tok-coord'], // not even with a valid bearer token
    ] as const) {
      const res = await h.get(`/api/exports/${MUNICIPALITY}/answers.csv?${query}`, bearer);
      expect(res.status).toBe(410);
      const body = (await res.json()) as { code: string; message: string };
      expect(body.code).toBe('LinkRetired');
      expect(body.message).toMatch(/ask the bot for a new one/);
    }
    expect(await auditRows(h.db)).toEqual(rowsBefore);
    expect(await h.db.prisma.downloadLink.count()).toBe(links);
  });

  it('the blank questionnaire is public; unknown fields and files are 404', async () => {
    const res = await h.get('/api/exports/questionnaire/KK.pdf');
    expect(res.status).toBe(200);
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect((await h.get('/api/exports/questionnaire/XX.pdf')).status).toBe(404);
    expect((await h.get(`/api/exports/${MUNICIPALITY}/secrets.txt`, 'tok-coord')).status).toBe(404);
  });
});
