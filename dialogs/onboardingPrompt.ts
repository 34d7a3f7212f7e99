/**
 * The choice prompt of every onboarding question (consent, municipality, function). On top of botbuilder's
 * ChoicePrompt it lets the self-check's commands through (`status`, `pause`, `start`, … are answered with what
 * they mean before the check has begun, then the question is asked again), takes the function in one's own
 * words (src/domain/conversation/roleWords.ts), shows the choices as buttons with a hint from the second miss
 * on, and asks again in the new language after a language switch.
 */
import type { TurnContext } from 'botbuilder';
import {
  ChoicePrompt,
  Dialog,
  ListStyle,
  type Choice,
  type DialogContext,
  type DialogInstance,
  type DialogTurnResult,
  type FoundChoice,
  type PromptOptions,
  type PromptRecognizerResult,
} from 'botbuilder-dialogs';
import { recogniseCommand, type Command } from '../src/domain/conversation/commands';
import { matchRole } from '../src/domain/conversation/roleWords';
import { ROLES, roleLabel, type Locale, type Role } from '../src/domain/selbstcheck';
import { staffText, type StaffTextKey } from '../src/i18n/staff';
import { sendText } from './send';

export type OnboardingPromptKind = 'consent' | 'municipality' | 'role';

/** What a prompt keeps in its options' `validations`: the language it was asked in (and what its texts need). */
export interface PromptMemo {
  readonly locale: Locale;
  readonly [key: string]: unknown;
}

export interface OnboardingPromptDeps {
  localeOf(context: TurnContext): Promise<Locale>;
  /** The prompt's options in a language (`memo` as stored when it was first asked). */
  render(locale: Locale, memo: PromptMemo): PromptOptions;
  /** Accepts a recognised (or, e.g. once the person became a member meanwhile, any) input; may reply itself. */
  accept?(context: TurnContext, recognized: PromptRecognizerResult<FoundChoice>): Promise<boolean>;
}

interface PromptInstanceState {
  state: Record<string, unknown>;
  options: PromptOptions;
}

/** From this many unrecognised answers on, the choices come as buttons with a hint. */
export const MISSES_BEFORE_BUTTONS = 2;
/** Teams shows at most six buttons on a hero card; more choices stay a numbered list. */
const MAX_BUTTONS = 6;
const MISSES = 'onboardingMisses';

const HINTS: Readonly<Record<OnboardingPromptKind, StaffTextKey>> = {
  consent: 'onboardingWords.hintConsent',
  municipality: 'onboardingWords.hintMunicipality',
  role: 'onboardingWords.hintRole',
};

/** What a command means before the self-check has begun (help and language are answered by the router). */
function commandNote(command: Command): StaffTextKey {
  switch (command.kind) {
    case 'status':
      return 'onboardingWords.status';
    case 'pause':
      return 'onboardingWords.pause';
    case 'start':
      return 'onboardingWords.start';
    default:
      return 'onboardingWords.notYet';
  }
}

export function memoOf(options: PromptOptions): PromptMemo | undefined {
  const memo = options.validations as Partial<PromptMemo> | undefined;
  return memo?.locale === 'de' || memo?.locale === 'en' ? (memo as PromptMemo) : undefined;
}

/** The role prompt's answer for a matched role: the choice at the role's index, as the recogniser would give it. */
function roleChoice(role: Role, locale: Locale, synonym: string): FoundChoice {
  return { value: roleLabel(role, locale), index: ROLES.indexOf(role), score: 1, synonym };
}

export class OnboardingPrompt extends ChoicePrompt {
  constructor(
    id: string,
    private readonly kind: OnboardingPromptKind,
    private readonly deps: OnboardingPromptDeps,
  ) {
    super(id, undefined, 'de-de');
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const context = dc.context;
    const instance = dc.activeDialog;
    if (context.activity.type !== 'message' || instance === undefined) return Dialog.EndOfTurn;
    const { state, options } = instance.state as PromptInstanceState;
    const text = typeof context.activity.text === 'string' ? context.activity.text : '';
    const locale = await this.deps.localeOf(context);
    const command = recogniseCommand(text);
    if (command !== undefined) {
      await sendText(context, staffText(locale, commandNote(command)));
      await this.askAgain(context, instance);
      return Dialog.EndOfTurn;
    }
    if (this.kind === 'role') {
      const own = matchRole(text);
      if (own.kind === 'match') return dc.endDialog(roleChoice(own.role, locale, text));
      if (own.kind === 'ambiguous') {
        this.countMiss(state);
        const roles = own.roles.map((r) => roleLabel(r, locale));
        const listed = `${roles.slice(0, -1).join(', ')} ${staffText(locale, 'onboardingWords.or')} ${roles.at(-1) ?? ''}`;
        // Only the candidates as buttons: a tap sends the label, which the prompt recognises.
        const candidates: Choice[] = roles.map((value) => ({ value }));
        const question = staffText(locale, 'onboardingWords.roleAmbiguous', { roles: listed });
        await context.sendActivity(
          this.appendChoices(question, context.activity.channelId, candidates, ListStyle.heroCard),
        );
        return Dialog.EndOfTurn;
      }
    }
    const recognized = await this.onRecognize(context, state, options);
    const valid = this.deps.accept === undefined ? recognized.succeeded : await this.deps.accept(context, recognized);
    if (valid) return dc.endDialog(recognized.value);
    if (this.countMiss(state) >= MISSES_BEFORE_BUTTONS) {
      const choices = (options.choices ?? []).map((c): Choice => (typeof c === 'string' ? { value: c } : c));
      const style = choices.length <= MAX_BUTTONS ? ListStyle.heroCard : ListStyle.list;
      const hint = staffText(locale, HINTS[this.kind]);
      await context.sendActivity(this.appendChoices(hint, context.activity.channelId, choices, style));
    } else if (!context.responded) await this.onPrompt(context, state, options, true);
    return Dialog.EndOfTurn;
  }

  /** Help, a language switch or a command: the question once more, in the language spoken now. */
  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    await this.askAgain(context, instance);
  }

  private async askAgain(context: TurnContext, instance: DialogInstance): Promise<void> {
    const st = instance.state as PromptInstanceState;
    const memo = memoOf(st.options);
    const locale = await this.deps.localeOf(context);
    if (memo !== undefined && memo.locale !== locale) st.options = this.deps.render(locale, memo);
    await this.onPrompt(context, st.state, st.options, false);
  }

  private countMiss(state: Record<string, unknown>): number {
    const misses = (typeof state[MISSES] === 'number' ? state[MISSES] : 0) + 1;
    state[MISSES] = misses;
    return misses;
  }
}
