import type { AnswerValue, LocalizedText } from './types';

/**
 * What each step of the answer scale means, for people who ask mid-check ("was bedeutet geplant?").
 * Kept next to the labels' meaning in scoring (scale.ts): "planned" earns a little because a decision or
 * plan is a real first step; "partly" means something already works; "don't know" scores nothing but is
 * counted as a knowledge gap.
 */
export const SCALE_DEFINITIONS: Readonly<Record<AnswerValue, LocalizedText>> = {
  full: {
    de: 'Das Gefragte ist beschlossen und wird in der Praxis durchgängig angewendet.',
    en: 'It has been decided and is applied in practice throughout.',
  },
  partial: {
    de: 'Ein Teil ist schon umgesetzt, aber noch nicht überall oder nicht im vollen Umfang (z. B. nur in einzelnen Fachbereichen).',
    en: 'Part of it is already in practice, but not everywhere or not in full (e.g. only in some departments).',
  },
  planned: {
    de: 'Es gibt einen Beschluss oder einen konkreten Plan, umgesetzt ist aber noch nichts.',
    en: 'There is a decision or a concrete plan, but nothing has been implemented yet.',
  },
  none: {
    de: 'Es gibt weder eine Umsetzung noch einen konkreten Plan; eine bloße Idee zählt noch nicht.',
    en: 'There is neither implementation nor a concrete plan; a mere idea does not count yet.',
  },
  unknown: {
    de: 'Sie können es nicht beurteilen. Die Antwort bringt keine Punkte, wird aber als Wissenslücke gezählt, die sich mit Kolleg*innen klären lässt.',
    en: 'You cannot judge it. The answer earns no points but is counted as a knowledge gap to clear up with colleagues.',
  },
};
