import type { Activity, ActivityHandler, CloudAdapter } from 'botbuilder';

/**
 * The bot's typing indicator, queued as soon as a message arrives: the page shows it until the reply
 * comes (or for a few seconds), so the person sees the bot working instead of "Sending".
 */
export function typing(): Partial<Activity> {
  return { type: 'typing' };
}

/** The service URL the adapter sees. Nothing is ever sent there: replies come back in the response. */
const SERVICE_URL = 'http://127.0.0.1:9/directline';

/**
 * Run one turn of the bot for an activity of the built-in Direct Line, through the same adapter,
 * middleware, error handler and bot as `/api/messages`. The activity asks for `expectReplies`, so the
 * adapter returns the bot's replies instead of posting them to a channel.
 */
export async function runTurn(adapter: CloudAdapter, bot: ActivityHandler, activity: Partial<Activity>): Promise<Partial<Activity>[]> {
  const req = {
    method: 'POST',
    headers: {},
    body: { ...activity, serviceUrl: SERVICE_URL, deliveryMode: 'expectReplies' } as Record<string, unknown>,
  };
  let status = 0;
  let body: unknown;
  const res = {
    socket: undefined,
    status(code: number) {
      status = code;
      return res;
    },
    send(payload: unknown) {
      body = payload;
      return res;
    },
    header() {
      return res;
    },
    end() {
      return res;
    },
  };
  await adapter.process(req, res, (context) => bot.run(context));
  if (status < 200 || status >= 300) throw new Error(`turn answered ${status}`);
  const replies = (body as { activities?: unknown } | undefined)?.activities;
  return Array.isArray(replies) ? (replies as Partial<Activity>[]) : [];
}
