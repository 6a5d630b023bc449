import { readFileSync } from 'node:fs';
import { chatOn, messages } from './tests/channels/helpers';
async function main() {
  for (const ch of ['sms','whatsapp']) {
  const chat = await chatOn(ch);
  await chat.say('ALTO');
  for (const x of readFileSync('tests/channels/fixtures/after-stop.txt','utf8').split('\n').filter(l=>l.trim()&&!l.startsWith('#'))) {
    const r = messages(await chat.say(x)); if (r.length) console.log(ch, 'REPLY', x, r[0]!.text!.slice(0,60));
  }}
}
main();
