import { chatOn, messages, traceOf } from './tests/channels/helpers';
import { countSegments } from './src/channels/gsm';
async function main() {
  for (const [ch, q] of [['sms','que es la visa t'],['sms','what is a t visa'],['whatsapp','me quitaron el pasaporte y no me dejan salir'],['sms','ayuda'],['whatsapp','help']]) {
    const chat = await chatOn(ch!);
    const r = messages(await chat.say(q!));
    console.log(`=== ${ch} ${q} segs=${r.map(a=>countSegments(a.text!).segments)}`, JSON.stringify(traceOf(r[0]!))); console.log(r.map(a=>a.text).join('\n---\n'));
  }
  const chat = await chatOn('sms');
  await chat.say('ALTO');
  const r = messages(await chat.say('me tienen encerrada y no me dejan salir'));
  console.log(r.map(a=>a.text).join('\n---\n'), r.map(a=>a.suggestedActions));
  console.log(await chat.say('1'), await chat.say('ya no me escriban'), await chat.say('y si mejor quiero donar'));
  console.log(messages(await chat.say('INICIO')).map(a=>a.text));
}
main();
