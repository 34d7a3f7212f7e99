import type {
  AnswerValue,
  Dimension,
  FieldId,
  Level,
  Locale,
  LocalizedText,
  Role,
  ScorableAnswer,
  StoredAnswer,
  SubThemeId,
  SupportCategory,
  TrafficLight,
} from './types';

/** Official order of the fields of action; navigation and reports follow it. */
export const FIELD_IDS: readonly FieldId[] = ['MS', 'IO', 'FZ', 'AW', 'EB', 'ZB', 'KK'];

export const FIELD_NAMES: Readonly<Record<FieldId, LocalizedText>> = {
  MS: { de: 'Management und Steuerung', en: 'Management and steering' },
  IO: { de: 'Interkulturelle Öffnung und Antirassismus', en: 'Intercultural opening and anti-racism' },
  FZ: { de: 'Fairer Zugang und Teilhabechancen', en: 'Fair access and opportunities to participate' },
  AW: { de: 'Arbeit und wirtschaftliche Entwicklung', en: 'Work and economic development' },
  EB: { de: 'Engagement und Beteiligung', en: 'Engagement and participation' },
  ZB: { de: 'Zusammenhalt und Begegnung', en: 'Cohesion and encounter' },
  KK: { de: 'Kommunikation und Konfliktmanagement', en: 'Communication and conflict management' },
};

/** Sub-themes of FZ in display order. */
export const SUB_THEME_IDS: readonly SubThemeId[] = [
  'education',
  'language',
  'work_training',
  'housing',
  'health_care',
  'transport',
  'culture',
  'sport',
  'safety_justice',
];

export const SUB_THEME_NAMES: Readonly<Record<SubThemeId, LocalizedText>> = {
  education: { de: 'Bildung', en: 'Education' },
  language: { de: 'Sprache', en: 'Language' },
  work_training: { de: 'Arbeit und Ausbildung', en: 'Work and training' },
  housing: { de: 'Wohnen', en: 'Housing' },
  health_care: { de: 'Gesundheit und Pflege', en: 'Health and care' },
  transport: { de: 'Mobilität', en: 'Transport' },
  culture: { de: 'Kultur', en: 'Culture' },
  sport: { de: 'Sport', en: 'Sport' },
  safety_justice: { de: 'Sicherheit und Recht', en: 'Safety and justice' },
};

export const DIMENSIONS: readonly Dimension[] = ['attitude_structures', 'measures_plans', 'cooperation'];

export const DIMENSION_NAMES: Readonly<Record<Dimension, LocalizedText>> = {
  attitude_structures: { de: 'Haltung, Kultur und Strukturen', en: 'Attitude, culture and structures' },
  measures_plans: { de: 'Maßnahmen und Planungen', en: 'Measures and plans' },
  cooperation: {
    de: 'Zusammenarbeit mit Politik, Wirtschaft und Zivilgesellschaft',
    en: 'Cooperation with politics, business and civil society',
  },
};

/** The answer scale in the order it is shown; the number in the label is what people may type. */
export const ANSWER_VALUES: readonly AnswerValue[] = ['full', 'partial', 'planned', 'none', 'unknown'];

/** Scorable values from best to worst; the index is the "scale step" used for divergence. */
export const SCORABLE_ANSWERS: readonly ScorableAnswer[] = ['full', 'partial', 'planned', 'none'];

export const ANSWER_LABELS: Readonly<Record<StoredAnswer, LocalizedText>> = {
  full: { de: 'Vollständig umgesetzt', en: 'Fully in place' },
  partial: { de: 'Teilweise umgesetzt', en: 'Partly in place' },
  planned: { de: 'Geplant', en: 'Planned' },
  none: { de: 'Nicht vorhanden', en: 'Not in place' },
  unknown: { de: 'Weiß nicht', en: "Don't know" },
  skipped: { de: 'Übersprungen', en: 'Skipped' },
};

/** Number a respondent can type for each scale value (1..5, in display order). */
export const ANSWER_NUMBERS: Readonly<Record<AnswerValue, number>> = {
  full: 1,
  partial: 2,
  planned: 3,
  none: 4,
  unknown: 5,
};

export const ROLES: readonly Role[] = [
  'mayor',
  'department_head',
  'integration_officer',
  'integration_staff',
  'advisory_council',
  'other',
];

export const ROLE_LABELS: Readonly<Record<Role, LocalizedText>> = {
  mayor: { de: 'Verwaltungsspitze', en: 'Head of administration' },
  department_head: {
    de: 'Fachbereichsleitung Integration/Vielfalt',
    en: 'Head of department for integration/diversity',
  },
  integration_officer: {
    de: 'Integrationsbeauftragte*r / Flüchtlingskoordination',
    en: 'Integration officer / refugee coordination',
  },
  integration_staff: { de: 'Mitarbeiter*in Integrationsstelle', en: 'Staff member of the integration unit' },
  advisory_council: { de: 'Mitglied Integrationsbeirat', en: 'Member of the integration advisory council' },
  other: { de: 'Andere Funktion', en: 'Other role' },
};

export const LEVELS: readonly Level[] = ['entry', 'developing', 'advanced', 'pioneer'];

export const LEVEL_LABELS: Readonly<Record<Level, LocalizedText>> = {
  entry: { de: 'Einstieg', en: 'Getting started' },
  developing: { de: 'Aufbau', en: 'Building up' },
  advanced: { de: 'Fortgeschritten', en: 'Advanced' },
  pioneer: { de: 'Vorreiter', en: 'Leading the way' },
};

export const TRAFFIC_LIGHT_LABELS: Readonly<Record<TrafficLight, LocalizedText>> = {
  red: { de: 'Rot: hoher Handlungsbedarf', en: 'Red: strong need for action' },
  yellow: { de: 'Gelb: auf dem Weg', en: 'Yellow: on the way' },
  green: { de: 'Grün: gut aufgestellt', en: 'Green: well positioned' },
};

export const SUPPORT_CATEGORIES: readonly SupportCategory[] = [
  'advice',
  'training',
  'network',
  'dialogue_event',
  'guidance_material',
];

export const SUPPORT_CATEGORY_LABELS: Readonly<Record<SupportCategory, LocalizedText>> = {
  advice: { de: 'Beratung', en: 'Advice' },
  training: { de: 'Fortbildung', en: 'Training' },
  network: { de: 'Vernetzung', en: 'Networking' },
  dialogue_event: { de: 'Dialogveranstaltung', en: 'Dialogue event' },
  guidance_material: { de: 'Arbeitshilfe', en: 'Guidance material' },
};

export function fieldName(field: FieldId, locale: Locale = 'de'): string {
  return FIELD_NAMES[field][locale];
}

export function subThemeLabel(subTheme: SubThemeId, locale: Locale = 'de'): string {
  return SUB_THEME_NAMES[subTheme][locale];
}

export function answerLabel(value: StoredAnswer, locale: Locale = 'de'): string {
  return ANSWER_LABELS[value][locale];
}

export function roleLabel(role: Role, locale: Locale = 'de'): string {
  return ROLE_LABELS[role][locale];
}

export function levelLabel(level: Level, locale: Locale = 'de'): string {
  return LEVEL_LABELS[level][locale];
}

export function trafficLightLabel(light: TrafficLight, locale: Locale = 'de'): string {
  return TRAFFIC_LIGHT_LABELS[light][locale];
}

export function supportCategoryLabel(category: SupportCategory, locale: Locale = 'de'): string {
  return SUPPORT_CATEGORY_LABELS[category][locale];
}

export function dimensionLabel(dimension: Dimension, locale: Locale = 'de'): string {
  return DIMENSION_NAMES[dimension][locale];
}

/** Choices for a card or a typed prompt: "1 Vollständig umgesetzt", … */
export function answerChoices(locale: Locale = 'de'): readonly { value: AnswerValue; number: number; label: string }[] {
  return ANSWER_VALUES.map((value) => ({ value, number: ANSWER_NUMBERS[value], label: ANSWER_LABELS[value][locale] }));
}
