import type { BotState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { SelfCheckService } from '../services/selfCheckService';
import type { TurnIdentity } from './turnIdentity';
import { type StaffLocale, staffLocaleOf } from '../i18n/staff';

export interface UserPreferences {
  locale?: StaffLocale;
  /** The respondent's stored language was looked up once for this channel user (a new device or channel). */
  storedLocaleChecked?: boolean;
}

/**
 * The language the bot speaks with a user. The bot, the FAQ reply and the dialogs all ask this one object,
 * so the composition root builds it once and hands it to each.
 */
export class UserLocale {
  private readonly preferences: StatePropertyAccessor<UserPreferences>;

  constructor(
    userState: BotState,
    private readonly selfCheck: Pick<SelfCheckService, 'findRespondentByIdentity' | 'updateRespondent'>,
    private readonly identity: Pick<TurnIdentity, 'of'>,
  ) {
    this.preferences = userState.createProperty<UserPreferences>('preferences');
  }

  /**
   * The user's choice on this channel; else, once per channel user, the language a known respondent chose
   * elsewhere (Teams on another device, web chat); else the channel's locale.
   */
  async localeOf(context: TurnContext): Promise<StaffLocale> {
    const prefs = await this.preferences.get(context, {});
    if (prefs.locale !== undefined) return prefs.locale;
    if (prefs.storedLocaleChecked !== true) {
      const respondent = await this.selfCheck.findRespondentByIdentity(await this.identity.of(context));
      const stored = respondent?.consentedAt != null && respondent.locale !== null ? respondent.locale : undefined;
      await this.preferences.set(context, {
        ...prefs,
        storedLocaleChecked: true,
        ...(stored !== undefined ? { locale: stored } : {}),
      });
      if (stored !== undefined) return stored;
    }
    return staffLocaleOf(context.activity.locale);
  }

  /** The language the user picked on this channel, if they did (the FAQ otherwise follows the page's language). */
  async chosen(context: TurnContext): Promise<StaffLocale | undefined> {
    const prefs = await this.preferences.get(context, {});
    return prefs.locale;
  }

  /** The language command: the choice holds on this channel and follows a respondent to other devices and channels, and into reminders. */
  async choose(context: TurnContext, locale: StaffLocale): Promise<void> {
    const prefs = await this.preferences.get(context, {});
    await this.preferences.set(context, { ...prefs, locale, storedLocaleChecked: true });
    const respondent = await this.selfCheck.findRespondentByIdentity(await this.identity.of(context));
    if (respondent?.consentedAt != null && respondent.locale !== locale) {
      await this.selfCheck.updateRespondent(respondent.id, { locale });
    }
  }
}
