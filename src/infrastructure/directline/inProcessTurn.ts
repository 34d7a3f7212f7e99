import type { Activity, TurnContext } from 'botbuilder';
import {
  AuthenticationConstants,
  ClaimsIdentity,
  ConnectorClient,
  ConnectorFactory,
  MicrosoftAppCredentials,
  type AuthenticateRequestResult,
} from 'botframework-connector';
import type { WeltoffenCloudAdapter } from '../bot/weltoffenCloudAdapter';
import { IN_PROCESS_TURN } from '../bot/channelAuthentication';

/**
 * The connector client is only used when the bot sends outside the turn's reply buffer (update or
 * delete of an activity). With expectReplies it is never called, so it carries no credentials.
 */
class LocalConnectorFactory extends ConnectorFactory {
  create(serviceUrl: string): Promise<ConnectorClient> {
    return Promise.resolve(new ConnectorClient(MicrosoftAppCredentials.Empty, { baseUri: serviceUrl }));
  }
}

export interface InProcessTurns {
  /** Runs one turn with deliveryMode expectReplies and returns what the bot sent. */
  run(activity: Partial<Activity>): Promise<Partial<Activity>[]>;
}

/**
 * Runs Direct Line activities through the adapter in-process. The channel JWT check is skipped on
 * purpose: the activity never crossed a network from a channel, our own token check has already run,
 * and with a MicrosoftAppId configured (Teams) an empty Authorization header would be rejected.
 * such a turn is not channel-authenticated (its serviceUrl is the client's Host header), so the
 * synthetic identity says isAuthenticated = false and the turn is marked IN_PROCESS_TURN in turnState —
 * both set here by our own code — and the bot stores nothing from it for proactive use.
 */
export function inProcessTurns(
  adapter: WeltoffenCloudAdapter,
  bot: { run(context: TurnContext): Promise<void> },
  botAppId: string,
): InProcessTurns {
  const auth: AuthenticateRequestResult = {
    audience: AuthenticationConstants.ToChannelFromBotOAuthScope,
    // The bot's own app id as audience and appid, as CloudAdapter does for proactive turns, so that
    // creating the user token client finds matching credentials.
    claimsIdentity: new ClaimsIdentity(
      [
        { type: AuthenticationConstants.AudienceClaim, value: botAppId },
        { type: AuthenticationConstants.AppIdClaim, value: botAppId },
      ],
      false,
    ),
    callerId: '',
    connectorFactory: new LocalConnectorFactory(),
  };
  return {
    async run(activity) {
      let replies: Partial<Activity>[] = [];
      await adapter.processActivityDirect(
        auth,
        { ...activity, deliveryMode: 'expectReplies' } as Activity,
        async (context) => {
          // Same array the adapter's onTurnError handler appends to, so error messages reach the user too.
          replies = context.bufferedReplyActivities;
          context.turnState.set(IN_PROCESS_TURN, true);
          await bot.run(context);
        },
      );
      return replies;
    },
  };
}
