import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';

/**
 * CloudAdapter whose `processActivity` is reachable from our own HTTP route, so the route can
 * validate the body, map errors to JSON and return invoke and expectReplies bodies itself. Named
 * after the project so that it does not shadow botbuilder's own `BotAdapter` base class.
 */
export class WeltoffenCloudAdapter extends CloudAdapter {
  handle(
    authorization: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
  }
}
