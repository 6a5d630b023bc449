import { chatOn, messages, traceOf } from './tests/channels/helpers';
import { countSegments } from './src/channels/gsm';
async function main() {
  const seg = (as: any[]) => as.map((a) => countSegments(a.text ?? '').segments).reduce((a, b) => a + b, 0);
  for (const ch of ['sms', 'whatsapp']) {
    const chat = await chatOn(ch);
    const g = messages(await chat.say({ type: 'conversationUpdate', membersAdded: [{ id: 'person', name: '' }] } as any));
    console.log('=== greet en', seg(g)); console.log(g.map(a=>a.text).join('\n---\n'));
    for (const q of ['hola', 'que es la visa t', 'cuales son las señales de trata', 'mi patron no me paga', 'mas', 'MAS', 'mas', 'donde consigo un abogado', '1', 'que es la trata laboral']) {
      const r = messages(await chat.say(q));
      console.log(`=== ${ch} ${q} segs=${seg(r)} chars=${r.map(a=>a.text!.length)}`, JSON.stringify(traceOf(r[0]!))); console.log(r.map(a=>a.text).join('\n---\n'));
    }
  }
  const c2 = await chatOn('sms');
  for (const q of ['?', '1', 'que es la visa t']) { const r = messages(await c2.say(q)); console.log(`=== new ${q} segs=${seg(r)}`, JSON.stringify(traceOf(r[0]!))); console.log(r.map(a=>a.text).join('\n---\n')); }
}
main();
