/**
 * `meine daten`, `daten löschen`, `einwilligung widerrufen` (issue #17): the first thing a turn looks at, before
 * coordinators' commands, the membership commands, any dialog and the FAQ — a person who wants their data gone
 * must never be asked a question of the self-check first, nor be dropped into onboarding.
 *
 * The erasure asks first. The question is bound to this conversation (it lives in the conversation's state), to
 * this person (identity key and channel user id) and to one nonce (the card's buttons carry it): a confirmation
 * from another chat, from someone else, after expiry or from an old card erases nothing. The erasing turn
 * tells the turn store to save nothing, so the state just deleted is not written back.
 */
import { randomBytes } from 'node:crypto';
import type { BotState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { renderNoticeCard } from '../../cards/noticeCard';
import { ERASE_CANCEL_VERB, ERASE_CONFIRM_VERB, eraseConfirmCard, myDataLinkCard } from '../../cards/privacyCards';
import { INVOKE_CARD_KEY, cardPayloadOf } from '../../dialogs/turnInput';
import { recognisePrivacyCommand, type PrivacyCommand } from '../domain/conversation/privacyCommands';
import { toActivity, type BotMessage } from '../domain/messages';
import type { ErasurePreview, PersonRef } from '../domain/ports/privacy';
import { ROLE_LABELS, type Role } from '../domain/selbstcheck';
import { staffText, type StaffLocale, type StaffTextKey } from '../i18n/staff';
import type { PrivacyService, RateLimited } from '../services/privacyService';
import { conversationKind, textWithoutBotMention } from './teamsActivity';
import type { TurnIdentity } from './turnIdentity';
import type { UserLocale } from './userLocale';

/** How long the erasure's question may be answered. */
export const ERASE_CONFIRM_TTL_MS = 10 * 60_000;

interface PendingErasure {
  readonly nonce: string;
  readonly identityKey: string;
  readonly userId: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

export interface PrivacyTurnDeps {
  readonly service: Pick<PrivacyService, 'myDataLink' | 'preview' | 'erase'>;
  readonly conversationState: BotState;
  readonly identity: TurnIdentity;
  readonly locale: UserLocale;
  /** The bot state keys of this turn's conversation and user (as the state store names them). */
  readonly stateKeys: (context: TurnContext) => readonly string[];
  /** Tells the turn store to save no state at the end of this turn. */
  readonly discardState: (context: TurnContext) => void;
  readonly now: () => Date;
}

type Input = { readonly command: PrivacyCommand; readonly nonce?: string; readonly card: boolean };

export class PrivacyTurn {
  private readonly pending: StatePropertyAccessor<PendingErasure | undefined>;

  constructor(private readonly deps: PrivacyTurnDeps) {
    this.pending = deps.conversationState.createProperty<PendingErasure | undefined>('pendingErasure');
  }

  /** True when the turn was a privacy command and has been answered. */
  async handle(context: TurnContext): Promise<boolean> {
    const input = this.read(context);
    if (input === undefined) return false;
    const pending = await this.pending.get(context);
    const { command } = input;
    // Typed "ja, löschen" / "abbrechen" mean something only while a question waits; otherwise they go on.
    if ((command.kind === 'confirm' || command.kind === 'cancel') && !input.card && pending === undefined) return false;
    const locale = await this.deps.locale.localeOf(context);
    const say = (key: StaffTextKey, params: Record<string, string | number> = {}) =>
      this.send(context, { text: staffText(locale, key, params) }, input.card);
    if (conversationKind(context.activity) === 'channel') {
      this.deps.discardState(context);
      return say('privacy.personalOnly');
    }
    const identityKey = await this.deps.identity.of(context);
    switch (command.kind) {
      case 'myData': {
        const link = await this.deps.service.myDataLink(identityKey, locale);
        this.deps.discardState(context);
        if (isRateLimited(link)) return say('privacy.rateLimited', { minutes: minutesOf(link) });
        const t = (key: StaffTextKey) => staffText(locale, key, { minutes: link.ttlMinutes });
        const rendered = myDataLinkCard({
          title: t('privacy.myData.title'),
          text: t('privacy.myData.text'),
          button: t('privacy.myData.button'),
          url: link.url,
        });
        return this.send(context, rendered, input.card);
      }
      case 'erase':
        return this.ask(context, identityKey, locale, command.withdraw, input.card);
      case 'cancel':
        if (!this.matches(context, pending, identityKey, input.nonce)) {
          this.deps.discardState(context);
          return say('privacy.erase.stale');
        }
        await this.pending.delete(context);
        return say('privacy.erase.cancelled');
      case 'confirm': {
        if (!this.matches(context, pending, identityKey, input.nonce)) {
          this.deps.discardState(context);
          return say('privacy.erase.stale');
        }
        const report = await this.deps.service.erase(this.person(context, identityKey));
        this.deps.discardState(context);
        const kept =
          report.keptAnswers > 0 ? staffText(locale, 'privacy.erase.doneKept', { count: report.keptAnswers }) : '';
        return say('privacy.erase.done', { kept });
      }
    }
  }

  private read(context: TurnContext): Input | undefined {
    const card = cardPayloadOf(context);
    if (card !== undefined) {
      const payload = card.payload as { verb?: unknown; nonce?: unknown } | undefined;
      const nonce = typeof payload?.nonce === 'string' ? payload.nonce.slice(0, 64) : '';
      if (payload?.verb === ERASE_CONFIRM_VERB) return { command: { kind: 'confirm' }, nonce, card: true };
      if (payload?.verb === ERASE_CANCEL_VERB) return { command: { kind: 'cancel' }, nonce, card: true };
      return undefined;
    }
    const a = context.activity;
    if (a.type !== 'message' || typeof a.text !== 'string') return undefined;
    const text = a.channelId === 'msteams' ? textWithoutBotMention(a, a.text) : a.text;
    const command = recognisePrivacyCommand(text);
    return command === undefined ? undefined : { command, card: false };
  }

  private person(context: TurnContext, identityKey: string): PersonRef {
    const userId = context.activity.from?.id;
    return {
      identityKey,
      channelUserIds: userId ? [userId] : [],
      conversationKeys: this.deps.stateKeys(context),
    };
  }

  /** The question before an erasure: exactly what goes and what stays, with buttons bound to a fresh nonce. */
  private async ask(
    context: TurnContext,
    identityKey: string,
    locale: StaffLocale,
    withdraw: boolean,
    fromCard: boolean,
  ): Promise<true> {
    const preview = await this.deps.service.preview(this.person(context, identityKey));
    if (isRateLimited(preview)) {
      this.deps.discardState(context);
      const text = staffText(locale, 'privacy.rateLimited', { minutes: minutesOf(preview) });
      return this.send(context, { text }, fromCard);
    }
    if (!preview.anything) {
      // Nothing to erase — and nothing of this turn is stored either.
      this.deps.discardState(context);
      return this.send(context, { text: staffText(locale, 'privacy.erase.nothing') }, fromCard);
    }
    const nonce = randomBytes(16).toString('base64url');
    await this.pending.set(context, {
      nonce,
      identityKey,
      userId: context.activity.from?.id ?? '',
      expiresAt: this.deps.now().getTime() + ERASE_CONFIRM_TTL_MS,
    });
    const text = explanation(preview, locale, withdraw);
    const rendered = eraseConfirmCard({
      host: context.activity.channelId === 'msteams' ? 'teams' : 'other',
      text,
      confirm: staffText(locale, 'privacy.erase.confirmButton'),
      cancel: staffText(locale, 'privacy.erase.cancelButton'),
      nonce,
    });
    return this.send(context, rendered, fromCard);
  }

  private matches(
    context: TurnContext,
    pending: PendingErasure | undefined,
    identityKey: string,
    nonce: string | undefined,
  ): pending is PendingErasure {
    return (
      pending !== undefined &&
      pending.expiresAt > this.deps.now().getTime() &&
      pending.identityKey === identityKey &&
      pending.userId === (context.activity.from?.id ?? '') &&
      (nonce === undefined || nonce === pending.nonce)
    );
  }

  private async send(context: TurnContext, message: BotMessage, fromCard: boolean): Promise<true> {
    // A Teams card click replaces the clicked card: with a plain notice, so its buttons cannot be clicked again.
    if (fromCard) context.turnState.set(INVOKE_CARD_KEY, renderNoticeCard(message.text).card);
    await context.sendActivity(toActivity(message));
    return true;
  }
}

const isRateLimited = (x: object): x is RateLimited => 'retryAfterMs' in x;
const minutesOf = (r: RateLimited) => Math.max(1, Math.ceil(r.retryAfterMs / 60_000));

function explanation(p: ErasurePreview, locale: StaffLocale, withdraw: boolean): string {
  const lines = [
    ...(withdraw ? [staffText(locale, 'privacy.withdraw.intro')] : []),
    staffText(locale, 'privacy.erase.intro'),
  ];
  const details: string[] = [];
  if (p.roles > 0) details.push(staffText(locale, 'privacy.erase.roles', { count: p.roles }));
  if (p.openAnswers > 0) details.push(staffText(locale, 'privacy.erase.open', { count: p.openAnswers }));
  if (p.keptAnswers > 0) {
    const role = p.role !== null && p.role in ROLE_LABELS ? ROLE_LABELS[p.role as Role][locale] : '–';
    details.push(
      staffText(locale, 'privacy.erase.kept', {
        count: p.keptAnswers,
        rounds: p.keptRounds.map((r) => (locale === 'en' ? `round ${r}` : `Runde ${r}`)).join(', '),
        municipality: p.municipalityName ?? '–',
        role,
      }),
    );
  }
  if (details.length > 0) lines.push(details.join('\n'));
  lines.push(staffText(locale, 'privacy.erase.question', { minutes: Math.round(ERASE_CONFIRM_TTL_MS / 60_000) }));
  return lines.join('\n\n');
}
