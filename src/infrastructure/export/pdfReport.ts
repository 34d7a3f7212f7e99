/**
 * PDF rendering with pdfkit: pure JavaScript, maintained, and its 14 standard PDF fonts (Helvetica) need no
 * font files or network; their WinAnsi encoding covers German umlauts and ß.
 */
import PDFDocument from 'pdfkit';
import {
  FIELD_IDS,
  answerChoices,
  answerLabel,
  fieldName,
  levelLabel,
  questionsOfField,
  roleLabel,
  supportCategoryLabel,
  type FieldId,
  type Locale,
  type Questionnaire,
  type TrafficLight,
} from '../../domain/selbstcheck';
import type { ExportDocumentLabels, ReportInput } from '../../domain/ports';
import { pseudonyms } from './tabular';

const COLORS: Record<TrafficLight | 'none', string> = {
  red: '#c0392b',
  yellow: '#d4a017',
  green: '#2e8b57',
  none: '#9e9e9e',
};
const MARGIN = 50;

type Doc = InstanceType<typeof PDFDocument>;

function newDoc(title: string, deterministic: Date): Doc {
  // Fixed info dates keep the output reproducible for the same data and generation time.
  return new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: title,
      Producer: 'Weltoffen-Bot',
      Creator: 'Weltoffen-Bot',
      CreationDate: deterministic,
      ModDate: deterministic,
    },
  });
}

function finish(doc: Doc, texts: ExportDocumentLabels): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing into the margin must not add a page
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#777777')
      .text(texts.page(i + 1), MARGIN, doc.page.height - 30, { width: doc.page.width - 2 * MARGIN, align: 'right' });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

function heading(doc: Doc, text: string, size = 15): void {
  if (doc.y > doc.page.height - 150) doc.addPage();
  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(size).fillColor('#1f3a5f').text(text, MARGIN);
  doc.moveDown(0.3).font('Helvetica').fontSize(10).fillColor('#000000');
}

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function bar(doc: Doc, x: number, y: number, width: number, score: number | null, light: TrafficLight | null): void {
  doc.save().rect(x, y, width, 10).fill('#e6e6e6');
  if (score !== null)
    doc.rect(x, y, (width * Math.max(0, Math.min(100, score))) / 100, 10).fill(COLORS[light ?? 'none']);
  doc.restore();
}

function fmtDate(d: Date, locale: Locale): string {
  return d.toLocaleDateString(locale === 'de' ? 'de-DE' : 'en-GB', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'Europe/Berlin',
  });
}

function fmtScore(score: number | null, locale: Locale, t: ExportDocumentLabels): string {
  return score === null
    ? t.noScore
    : score.toLocaleString(locale === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 });
}

/** `t`: the export catalog's texts in the report's language (passed in: infrastructure does not read catalogs). */
export function renderReport(input: ReportInput, t: ExportDocumentLabels): Promise<Buffer> {
  const { locale, summary, questionnaire: q, municipality } = input;
  // The same pseudonym numbers as in the CSV.
  const names = pseudonyms(input.rows);
  const doc = newDoc(`${t.reportTitle}: ${municipality.name}`, input.generatedAt);
  const width = doc.page.width - 2 * MARGIN;

  // Cover
  doc.font('Helvetica-Bold').fontSize(22).fillColor('#1f3a5f').text(t.reportTitle, MARGIN, 120, { width });
  doc.moveDown(1).fontSize(28).fillColor('#000000').text(municipality.name, { width });
  doc.moveDown(0.5).font('Helvetica').fontSize(12).fillColor('#333333');
  doc.text(`${municipality.state}`);
  doc.moveDown(1);
  doc.text(`${t.generatedAt}: ${fmtDate(input.generatedAt, locale)}`);
  doc.text(
    `${t.round}: ${input.assessment.round} · ${t.questionnaireVersion}: ${input.assessment.questionnaireVersion}`,
  );
  doc.text(`${t.respondents}: ${summary.respondents}`);
  const o = summary.score.overall;
  doc
    .moveDown(1.5)
    .font('Helvetica-Bold')
    .fontSize(16)
    .fillColor('#000000')
    .text(`${t.overall}: ${fmtScore(o.score, locale, t)}${o.level ? ` – ${levelLabel(o.level, locale)}` : ''}`);
  bar(doc, MARGIN, doc.y + 6, width, o.score, o.trafficLight);
  doc.moveDown(2);
  const byPseudonym = <T extends { respondentId: string }>(xs: readonly T[]): T[] =>
    [...xs].sort((a, b) => (names.get(a.respondentId) ?? 0) - (names.get(b.respondentId) ?? 0));
  const roles = byPseudonym(summary.consolidated.coverage).map(
    (c) => `${t.respondentLabel(names.get(c.respondentId) ?? 0)}: ${roleLabel(c.role, locale)}`,
  );
  doc.font('Helvetica').fontSize(10).fillColor('#333333').text(roles.join('\n'), { width });

  // Method
  doc.addPage();
  heading(doc, t.method);
  doc.text(t.methodText, { width, align: 'left' });

  // Fields with scores, levels and bars
  heading(doc, t.fields);
  for (const f of summary.score.fields) {
    ensureSpace(doc, 44);
    const y = doc.y;
    doc
      .font('Helvetica-Bold')
      .fontSize(11)
      .fillColor('#000000')
      .text(`${f.fieldId} · ${fieldName(f.fieldId, locale)}`, MARGIN, y, { width });
    const details = [
      `${t.score}: ${fmtScore(f.score, locale, t)}`,
      f.level ? `${t.level}: ${levelLabel(f.level, locale)}` : undefined,
      `${f.answered}/${f.applicable} ${t.completeness}`,
    ]
      .filter(Boolean)
      .join(' · ');
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor('#333333')
      .text(details, MARGIN, doc.y + 1, { width });
    bar(doc, MARGIN, doc.y + 3, width, f.score, f.trafficLight);
    doc.y += 20;
  }

  const questionText = (id: string): string => q.questions.find((x) => x.id === id)?.text[locale] ?? id;

  // Divergences
  heading(doc, t.divergences);
  if (summary.consolidated.divergences.length === 0) doc.text(t.noDivergences);
  for (const d of summary.consolidated.divergences) {
    ensureSpace(doc, 40);
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .text(`${d.questionId} (${t.steps(d.steps)})`, MARGIN, doc.y, { continued: true })
      .font('Helvetica')
      .text(` ${questionText(d.questionId)}`, { width });
    const who = byPseudonym(d.answers).map(
      (a) =>
        `${t.respondentLabel(names.get(a.respondentId) ?? 0)} (${roleLabel(a.role, locale)}): ${answerLabel(a.value, locale)}`,
    );
    doc
      .fontSize(9)
      .fillColor('#444444')
      .text(who.join('; '), MARGIN + 12, doc.y, { width: width - 12 })
      .fillColor('#000000')
      .moveDown(0.4);
  }

  // Knowledge gaps
  heading(doc, t.knowledgeGaps);
  const gaps = summary.score.fields.flatMap((f) => f.knowledgeGaps);
  if (gaps.length === 0) doc.text(t.noKnowledgeGaps);
  for (const id of gaps) {
    ensureSpace(doc, 24);
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .text(`${id}`, MARGIN, doc.y, { continued: true })
      .font('Helvetica')
      .text(` ${questionText(id)}`, { width });
  }

  // Recommendations
  heading(doc, t.recommendations);
  if (summary.recommendations.length === 0) doc.text(t.noRecommendations);
  for (const r of summary.recommendations) {
    ensureSpace(doc, 30);
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .text(`${fieldName(r.fieldId, locale)} · ${supportCategoryLabel(r.category, locale)}`, MARGIN, doc.y, { width });
    doc
      .font('Helvetica')
      .text(`${r.text[locale]} (${r.basedOn.join(', ')})`, { width })
      .moveDown(0.3);
  }

  // Questions with consolidated answers
  doc.addPage();
  heading(doc, t.questions);
  for (const fieldId of FIELD_IDS) {
    heading(doc, fieldName(fieldId, locale), 12);
    for (const question of questionsOfField(q, fieldId)) {
      ensureSpace(doc, 28);
      const value = summary.consolidated.answers[question.id];
      const y = doc.y;
      doc.font('Helvetica-Bold').fontSize(9).fillColor('#000000').text(question.id, MARGIN, y, { width: 45 });
      doc.font('Helvetica').text(question.text[locale], MARGIN + 48, y, { width: width - 48 - 120 });
      const after = doc.y;
      doc
        .font(value ? 'Helvetica-Bold' : 'Helvetica-Oblique')
        .fillColor(value ? '#000000' : '#777777')
        .text(value ? answerLabel(value, locale) : t.notAnswered, MARGIN + width - 115, y, {
          width: 115,
          align: 'right',
        });
      doc.fillColor('#000000');
      doc.y = Math.max(after, doc.y) + 4;
    }
  }
  return finish(doc, t);
}

/** A blank questionnaire of one field to fill in by hand, so staff can prepare with colleagues. */
export function renderBlankQuestionnaire(
  q: Questionnaire,
  fieldId: FieldId,
  locale: Locale,
  generatedAt: Date,
  t: ExportDocumentLabels,
): Promise<Buffer> {
  const doc = newDoc(`${t.questionnaireTitle}: ${fieldName(fieldId, locale)}`, generatedAt);
  const width = doc.page.width - 2 * MARGIN;
  doc.font('Helvetica-Bold').fontSize(16).fillColor('#1f3a5f').text(t.questionnaireTitle, MARGIN, MARGIN, { width });
  doc
    .moveDown(0.4)
    .fontSize(14)
    .fillColor('#000000')
    .text(`${fieldId} · ${fieldName(fieldId, locale)}`);
  const goal = q.fields.find((f) => f.id === fieldId)?.goal[locale];
  if (goal) doc.moveDown(0.3).font('Helvetica-Oblique').fontSize(10).fillColor('#333333').text(goal, { width });
  doc.moveDown(0.5).font('Helvetica').fontSize(10).fillColor('#000000').text(t.questionnaireIntro, { width });
  const choices = answerChoices(locale);
  for (const question of questionsOfField(q, fieldId)) {
    doc.font('Helvetica').fontSize(10);
    const textHeight = doc.heightOfString(question.text[locale], { width: width - 48 });
    ensureSpace(doc, textHeight + 70);
    doc.moveDown(0.8);
    const y = doc.y;
    doc.font('Helvetica-Bold').text(question.id, MARGIN, y, { width: 45 });
    doc.font('Helvetica').text(question.text[locale], MARGIN + 48, y, { width: width - 48 });
    doc.moveDown(0.3);
    let x = MARGIN + 48;
    const row = doc.y;
    doc.fontSize(9);
    for (const c of choices) {
      doc.rect(x, row, 8, 8).lineWidth(0.7).stroke('#000000');
      doc.text(c.label, x + 12, row, { lineBreak: false });
      x += 12 + doc.widthOfString(c.label) + 14;
    }
    doc.y = row + 16;
    doc
      .fontSize(9)
      .fillColor('#555555')
      .text(t.commentLine, MARGIN + 48, doc.y, { width: width - 48 })
      .fillColor('#000000');
    const lineY = doc.y + 12;
    doc
      .moveTo(MARGIN + 48, lineY)
      .lineTo(MARGIN + width, lineY)
      .lineWidth(0.5)
      .stroke('#999999');
    doc.y = lineY + 4;
  }
  return finish(doc, t);
}
