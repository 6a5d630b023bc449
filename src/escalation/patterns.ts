/**
 * Safety patterns, English and Spanish, matched against normalised text (lowercase, no accents, SMS
 * shorthand expanded, typos corrected toward the words below). Both languages are always checked:
 * people mix them ("mi boss me tiene encerrada").
 *
 * The rules describe a person in a situation now (someone holds, hurts, threatens, sells or forces
 * *me / us / my sister*), not the topic in general: "what are the signs someone is being held?" is a
 * question and must reach the knowledge base. When a rule is in doubt it leans towards escalating: a
 * missed emergency is worse than an extra hotline message.
 */

export type SafetyReason = 'danger' | 'self-harm' | 'human';

export interface SafetyRule {
  readonly id: string;
  readonly reason: SafetyReason;
  readonly pattern: RegExp;
}

/** Placeholders expanded in the rule sources below. */
const PARTS: Readonly<Record<string, string>> = Object.freeze({
  // someone close to the writer, or the writer
  WHO_EN:
    '(?:me|us|her|him|them|my (?:\\w+ )?(?:daughter|son|child|children|kid|kids|sister|brother|mom|mother|dad|father|wife|husband|friend|girlfriend|boyfriend|cousin|niece|nephew|family|baby|grandson|granddaughter|aunt|uncle|partner|coworker|roommate))',
  WHO_ES:
    '(?:me|nos|la|lo|las|los|le|les|a mi (?:\\w+ )?(?:hija|hijo|hijos|hijas|nina|nino|ninos|ninas|hermana|hermano|mama|madre|papa|padre|esposa|esposo|amiga|amigo|prima|primo|sobrina|sobrino|familia|bebe|nieta|nieto|tia|tio|pareja|novia|novio|companera|companero))',
  SUBJ_EN:
    '(?:i am|i|we are|we|she is|he is|they are|my (?:\\w+ )?(?:daughter|son|child|kid|sister|brother|mom|mother|dad|father|wife|husband|friend|girlfriend|boyfriend|cousin|niece|nephew|family|baby|aunt|uncle|partner|coworker|roommate) is)',
  MINOR_EN:
    '(?:daughter|son|child|children|kid|kids|girl|girls|boy|boys|minor|minors|teen|teenager|niece|nephew|sister|brother|baby|(?:\\d{1,2}|twelve|thirteen|fourteen|fifteen|sixteen|seventeen) (?:year old|years old|yo))',
  MINOR_ES:
    '(?:hija|hijo|hijas|hijos|nina|nino|ninas|ninos|menor|menores|chamaca|chamaco|muchachita|sobrina|sobrino|hermanita|hermanito|hermana|hermano|bebe|adolescente|(?:\\d{1,2}|doce|trece|catorce|quince|dieciseis|diecisiete) anos)',
});

function rule(id: string, reason: SafetyReason, source: string): SafetyRule {
  const expanded = source.replace(/\{(\w+)\}/g, (_, name: string) => {
    const part = PARTS[name];
    if (!part) throw new Error(`unknown safety pattern part ${name}`);
    return part;
  });
  return { id, reason, pattern: new RegExp(`(?:^|\\s)(?:${expanded})(?=\\s|$)`) };
}

export const SAFETY_RULES: readonly SafetyRule[] = Object.freeze([
  // ---- danger, English ----
  rule('en.locked', 'danger', '(?:locked|locks|lock|locking|locken) {WHO_EN}(?: up| in| inside| in a room| in the \\w+)?'),
  rule('en.held', 'danger', '{SUBJ_EN} (?:being |getting |still )?(?:locked|held|kept|trapped|chained|tied up|tied|kidnapped|imprisoned|captive|held captive|held hostage|hostage|locked up|locked in|stuck and can not leave)'),
  rule('en.cant-leave', 'danger', '(?:can not|cannot|not allowed to|will not let {WHO_EN}|do not let {WHO_EN}|does not let {WHO_EN}|did not let {WHO_EN}|never let {WHO_EN}|not letting {WHO_EN}|wont let {WHO_EN}|dont let {WHO_EN}|no way to|afraid to|scared to|too scared to|terrified to) (?:leave|go out|get out|escape|go home|go outside|run away|get away|call for help|call anyone|call the police)'),
  rule('en.let-me-go', 'danger', '(?:will not|wont|do not|dont|does not|never|not) let {WHO_EN} (?:go|out|leave)'),
  rule('en.kidnapped', 'danger', '(?:kidnapped|abducted|took) {WHO_EN}(?! phone| passport| papers| id| money| documents)|{WHO_EN} (?:was|were|got|has been|have been) (?:kidnapped|abducted|taken)'),
  rule('en.trapped', 'danger', '(?:i am|we are|she is|he is|they are|i feel|im) (?:trapped|stuck here|imprisoned|a prisoner|a slave|in danger|not safe|unsafe|being trafficked|being sold|being watched|being followed|being threatened|being beaten|being abused|being raped|being hurt|being forced)'),
  rule('en.threat', 'danger', '(?:will|going to|gonna|threaten|threatens|threatened|threatening|said they would|says he will|says she will|said he would|said she would)(?: to)? (?:hurt|kill|beat|harm|rape|shoot|stab|burn|deport|report|take away|sell) {WHO_EN}'),
  rule('en.threat-if-leave', 'danger', '(?:hurt|kill|harm|beat|deport|find) {WHO_EN}(?: \\w+){0,3} if (?:i|we|she|he) (?:leave|leaves|run|runs|go|goes|escape|escapes|tell|tells|call|calls|talk|talks)'),
  rule('en.hurt', 'danger', '(?:hits|hit|hitting|beats|beat|beating|beaten|hurts|hurting|rapes|raped|raping|abuses|abusing|burned|burns|chokes|choked|choking|stabbed|punched|punches|kicks|kicked|slaps|slapped|strangled|tortures|tortured) {WHO_EN}'),
  rule('en.injured', 'danger', '(?:i am|im|we are|she is|he is) (?:hurt|bleeding|injured|badly hurt|beaten up|wounded)'),
  rule('en.weapon', 'danger', '(?:has|have|had|pointed|holding|with) (?:a )?(?:gun|knife|weapon|pistol)(?: at| to| on)? (?:me|us|my|her|him)?'),
  rule('en.sold', 'danger', '(?:selling|sell|sold|sells|pimping|pimps|pimped|prostituting|renting out|trading) (?:my|a|her|his|this|the|our|their|that) (?:\\w+ )?{MINOR_EN}'),
  rule('en.minor-sex', 'danger', '{MINOR_EN} (?:is being|are being|being|is|was|are) (?:sold|pimped|prostituted|trafficked|forced|made to have sex|used for sex)'),
  rule('en.forced-now', 'danger', '(?:forcing|forces|force|makes|making|are making|is making|make) {WHO_EN} (?:to )?(?:have sex|sleep with|work|sell|prostitute|do sex|do things|be with men|see clients|dance|strip|do drugs|carry drugs)'),
  rule('en.rescue', 'danger', '(?:rescue|save|come get|come and get|get) (?:me|us)(?: out)?(?: of here| now| please)?|help (?:me|us) (?:escape|get out|get away|please they|they)|please (?:come|hurry)|call the police for me|send (?:the )?police'),
  rule('en.sos', 'danger', 'sos|mayday|emergency right now|i need help now|need help right now|help me now'),

  // ---- danger, Spanish ----
  rule('es.encerrada', 'danger', '(?:encerrada|encerrado|encerradas|encerrados|encierran|encierra|encerro|encerraron|encerrarme|encerrando|secuestrada|secuestrado|secuestradas|secuestrados|secuestraron|secuestro a|raptaron|raptada|raptado|amarrada|amarrado|encadenada|encadenado|atrapada|atrapado|atrapados|atrapadas)'),
  rule('es.no-dejan-salir', 'danger', '(?:no|nunca) {WHO_ES} (?:dejan|deja|dejaron|dejo|quieren dejar|van a dejar|permiten|permite) (?:salir|irme|irnos|ir|irse|escapar|regresar|volver|salirme|llamar|hablar con nadie)'),
  rule('es.no-puedo-salir', 'danger', '(?:no puedo|no podemos|no puede|no pueden|tengo miedo de|tenemos miedo de|me da miedo) (?:salir|irme|irnos|escapar|escaparme|huir|salirme|regresar a mi casa|pedir ayuda|llamar a la policia)'),
  rule('es.threat', 'danger', '(?:van a|va a|quieren|amenaza con|amenazan con|amenazo con|amenazaron con|dice que va a|dicen que van a|dijo que iba a|dijeron que iban a) (?:\\w+ )?(?:matar|matarme|lastimar|lastimarme|pegar|pegarme|golpear|hacer dano|hacerme dano|hacerle dano|hacerles dano|deportar|deportarme|denunciar|denunciarme|llamar a la migra|echarme la migra|quitar a mis hijos|quitarme a mis hijos|vender)'),
  rule('es.threat-me', 'danger', '{WHO_ES} (?:amenaza|amenazan|amenazo|amenazaron|estan amenazando|esta amenazando)|(?:matan|mata|lastiman|lastima|hacen dano|le hacen algo|les hacen algo|me hacen algo) (?:\\w+ ){0,4}si (?:me voy|me escapo|hablo|digo|llamo|me salgo|los denuncio)'),
  rule('es.hurt', 'danger', '{WHO_ES} (?:pega|pegan|pego|pegaron|golpea|golpean|golpeo|golpearon|viola|violan|violo|violaron|maltrata|maltratan|lastima|lastiman|lastimo|quemo|quemaron|ahorca|ahorcan|patea|patean|abusa|abusan|abuso|abusaron|tortura|torturan)'),
  rule('es.injured', 'danger', '(?:estoy|estamos|esta) (?:herida|herido|sangrando|golpeada|golpeado|lastimada|lastimado|muy mal herida|en peligro|secuestrada|secuestrado)|no (?:estoy|estamos) (?:a salvo|segura|seguro|seguros|seguras)'),
  rule('es.weapon', 'danger', '(?:tiene|tienen|trae|traen|con) (?:una |un )?(?:pistola|arma|cuchillo|navaja|fusca|cuete)'),
  rule('es.sold', 'danger', '(?:venden|vende|vendio|vendieron|vendiendo|prostituye|prostituyen|prostituyendo|ofrecen|ofrece|renta|rentan) (?:a )?(?:mi|una|la|su|esa|esta|las|unas|nuestra|sus|mis) (?:\\w+ )?{MINOR_ES}'),
  rule('es.forced-now', 'danger', '{WHO_ES} (?:obligan|obliga|estan obligando|esta obligando|fuerzan|fuerza|estan forzando|hacen|hace) (?:a )?(?:trabajar|tener sexo|tener relaciones|acostarme|acostarse|prostituirme|prostituirse|vender|estar con hombres|atender clientes|bailar|vender droga|cargar droga)'),
  rule('es.rescue', 'danger', '(?:sacame|sacanos|saquenme|saquenos|rescatame|rescatenme|rescatenos|vengan por mi|vengan por nosotros|ven por mi|llamen a la policia|manden a la policia|auxilio|socorro)'),
  rule('es.vigilan', 'danger', '{WHO_ES} (?:vigilan|vigila|vigilan todo el tiempo|siguen a todos lados|tienen vigilada|tienen vigilado|quitaron el telefono y|quitaron el celular y)'),

  // ---- self-harm ----
  rule('en.suicide', 'self-harm', '(?:kill|killing|hurt|hurting|cut|cutting|harm|harming) (?:myself|my self)|(?:want|wanna|going|plan|planning|thinking about|think about|thought about|tempted)(?: to)? (?:die|end my life|end it all|end it|suicide|commit suicide|take my (?:own )?life|not be here|disappear forever)|i am suicidal|im suicidal|feel suicidal|feeling suicidal|suicidal thoughts|no reason to live|do not want to (?:live|be alive|wake up)|(?:better off|rather be|wish i was|wish i were) dead|overdose on purpose|take all (?:my|the) pills'),
  rule('es.suicidio', 'self-harm', '(?:me quiero|quiero|quisiera|me voy a|pienso en|pensando en|ganas de) (?:morir|morirme|matar|matarme|suicidar|suicidarme|quitarme la vida|el suicidio|suicidio|desaparecer para siempre|hacerme dano|cortarme|acabar con mi vida|acabar con todo)|no quiero (?:vivir|seguir viviendo|despertar|estar viva|estar vivo)|ya no quiero vivir|no vale la pena vivir|(?:mejor|prefiero estar) (?:muerta|muerto)|me quiero matar|suicidarme|quitarme la vida|acabar con mi vida'),

  // ---- a real person ----
  rule('en.human', 'human', '(?:talk|speak|chat|text) (?:to|with) (?:a |an |some |the )?(?:real |live |actual )?(?:person|human|human being|someone real|somebody real|agent|operator|advocate|counselor|counsellor|representative|rep|staff member|volunteer)|(?:talk|speak|chat) (?:to|with) (?:someone|somebody)(?: now| please| real)?|real person|real human|human please|agent please|not a bot|is this a (?:bot|robot)|are you a (?:bot|robot|real person)'),
  rule('es.human', 'human', '(?:hablar|platicar|chatear|comunicarme|comunicar) (?:con|a) (?:una |un |alguna |algun )?(?:persona|humano|humana|persona real|agente|operador|operadora|asesor|asesora|consejera|consejero|representante|voluntaria|voluntario|alguien)|persona real|(?:pasame|pasenme|comunicame|comuniqueme|conecteme|conectame) con (?:alguien|una persona|un humano|un agente)|eres (?:un )?(?:robot|bot|maquina)|es un robot'),
]);

/** Words the safety rules are written with; typos are corrected toward these before matching. */
export const SAFETY_LEXICON: readonly string[] = Object.freeze(
  [...new Set(SAFETY_RULES.flatMap((r) => r.pattern.source.match(/[a-z]{5,}/g) ?? []))].sort(),
);
