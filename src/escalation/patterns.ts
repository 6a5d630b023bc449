/**
 * Safety patterns, English and Spanish, matched against normalised text (lowercase, no accents, SMS
 * shorthand expanded, typos corrected toward the words below). Both languages are always checked:
 * people mix them ("mi boss me tiene encerrada").
 *
 * The rules describe a person in a situation now (someone holds, hurts, threatens, sells or forces
 * *me / us / my sister*), not the topic in general: "what are the signs someone is being held?" is a
 * question and must reach the knowledge base. When a rule is in doubt it leans towards escalating: a
 * missed emergency is worse than an extra hotline message. Every rule is exercised by the utterance
 * table in tests/fixtures/safety.jsonl.
 */

export type SafetyReason = 'danger' | 'self-harm' | 'human';

export interface SafetyRule {
  readonly id: string;
  readonly reason: SafetyReason;
  /** Matched against ` normalised text ` (padded with one space each side). */
  readonly pattern: RegExp;
}

/** Placeholders expanded in the rule sources below. */
const PARTS: Readonly<Record<string, string>> = Object.freeze({
  REL_EN:
    '(?:daughter|son|child|children|kid|kids|sister|brother|mom|mother|dad|father|wife|husband|friend|girlfriend|boyfriend|cousin|niece|nephew|family|baby|grandson|granddaughter|aunt|uncle|partner|coworker|roommate|little brother|little sister|parents)',
  REL_ES:
    '(?:hija|hijo|hijos|hijas|nina|nino|ninos|ninas|hermana|hermano|hermanita|hermanito|mama|madre|papa|padre|esposa|esposo|amiga|amigo|prima|primo|sobrina|sobrino|familia|bebe|nieta|nieto|tia|tio|pareja|novia|novio|companera|companero|papas|padres)',
  WHO_EN: '(?:me|us|her|him|them|my (?:\\w+ ){0,3}{REL_EN})',
  WHO_ES: '(?:me|nos|la|lo|las|los|le|les|a mi (?:\\w+ ){0,3}{REL_ES}|a mis {REL_ES})',
  SUBJ_EN: '(?:i am|we are|she is|he is|they are|my (?:\\w+ )?{REL_EN} is)',
  MINOR_EN:
    '(?:daughter|son|child|children|kid|kids|girl|girls|boy|boys|minor|minors|teen|teenager|niece|nephew|sister|brother|baby)',
  MINOR_ES:
    '(?:hija|hijo|hijas|hijos|nina|nino|ninas|ninos|menor|menores|chamaca|chamaco|muchachita|sobrina|sobrino|hermanita|hermanito|hermana|hermano|bebe|adolescente)',
  /** Not after "señales de que…" / "cómo saber si…": what follows describes a case in general. */
  ASK_ES:
    '(?<!\\s(?:senales|indicios|signos|senas) de (?:que )?(?:\\w+\\s){0,4}|\\scomo (?:saber|se|sabe|sabes|reconocer|reconozco|identificar|darse cuenta) si (?:\\w+\\s){0,4})',
  PLACE:
    '(?:basement|room|house|trailer|truck|van|shed|motel|hotel|apartment|warehouse|closet|barn|car|cuarto|casa|bodega|sotano|traila|troca|motel|cantina|departamento|apartamento|camioneta|carro|van|cuartito|bano)',
});

function expand(source: string): string {
  let out = source;
  for (let i = 0; i < 3; i++) {
    out = out.replace(/\{(\w+)\}/g, (_, name: string) => {
      const part = PARTS[name];
      if (!part) throw new Error(`unknown safety pattern part ${name}`);
      return part;
    });
  }
  return out;
}

/** A phrase rule: the phrase must start and end at word boundaries. */
function rule(id: string, reason: SafetyReason, source: string): SafetyRule {
  return { id, reason, pattern: new RegExp(`\\s(?:${expand(source)})(?=\\s)`) };
}

/** A whole-message rule: the message is only this ("agent", "humano por favor"). */
function whole(id: string, reason: SafetyReason, source: string): SafetyRule {
  return { id, reason, pattern: new RegExp(`^\\s(?:${expand(source)})(?: please| pls| por favor| porfa| now| ya)?\\s$`) };
}

/** Two phrases anywhere in one message, in either order (an age and a sale, a condition and a threat). */
function both(id: string, reason: SafetyReason, a: string, b: string): SafetyRule {
  const x = expand(a);
  const y = expand(b);
  return { id, reason, pattern: new RegExp(`\\s(?:${x})\\s(?:.*\\s)?(?:${y})(?=\\s)|\\s(?:${y})\\s(?:.*\\s)?(?:${x})(?=\\s)`) };
}

/**
 * A case put as a question about the law, about someone unnamed: "si una chava de 16 tiene sexo por
 * dinero, ¿es trata?", "if a 16 year old trades sex for money…". The knowledge base answers it (a minor
 * in commercial sex is a victim, whatever she agreed to); "my daughter is 16 and…" still escalates.
 */
const HYPOTHETICAL = '^\\s(?:si|if|what if|y si|que pasa si) (?:\\w+ ){0,2}(?:una|un|a|an) ';

/** A rule that does not apply to a hypothetical case about someone unnamed (see `HYPOTHETICAL`). */
function unlessHypothetical(r: SafetyRule): SafetyRule {
  return { ...r, pattern: new RegExp(`^(?!${HYPOTHETICAL})[\\s\\S]*?${r.pattern.source}`) };
}

/** Two phrases in this order in one message ("he says … if I leave"). */
function ordered(id: string, reason: SafetyReason, a: string, b: string): SafetyRule {
  return { id, reason, pattern: new RegExp(`\\s(?:${expand(a)})\\s(?:.*\\s)?(?:${expand(b)})(?=\\s)`) };
}

const MINOR_AGE =
  '(?:i am|im|she is|shes|he is|hes|is|only|tengo|tiene|de|about|como|maybe|girl|nina|chica|barely|than) (?:like |como |about |maybe )?(?:[5-9]|1[0-7]|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|doce|trece|catorce|quince|dieciseis|diecisiete)(?: years old| year old| yo| anos)?';
const SEX_FOR_MONEY =
  'men|hombres|senores|clients|clientes|for money|por dinero|dates|citas|sex|sexo|selling|sell|sold|sells|vende|venden|vendiendo|vendida|pimp|padrote|posting her|posting him|stuff with|cosas con|acostarse|acostarme';
const IF_I_LEAVE =
  'if i (?:leave|tell|call|run|escape|talk|go)|if (?:anyone|anybody|somebody|someone|we) (?:leaves|leave|tells|runs|escapes)|si me (?:voy|escapo|salgo|regreso)|si (?:hablo|digo|le digo|les digo|llamo|denuncio|alguien se va|nos vamos|me voy)';
const HARM_WORD =
  'kill|hurt|harm|beat|find me|send the video|send the videos|send the pictures|matan|mata|matar|lastiman|lastimar|hace dano|hacen dano|hacer dano|le pasa algo|les pasa algo|le hace algo|le hacen algo|les hacen algo|manda los videos|mandan los videos|las fotos';

export const SAFETY_RULES: readonly SafetyRule[] = Object.freeze([
  // ---- danger, English ----
  rule('en.locked', 'danger', '(?:locked|locks|lock|locking) {WHO_EN}(?! out)(?: up| in| inside)?'),
  rule('en.locked-door', 'danger', '(?:lock|locks|locked|locking) (?:the |every |our |my |it )?(?:door|doors|room|gate|it from outside|us in|from the outside|from outside)|(?:door|doors|gate) (?:is|are|stays|stay) (?:always )?locked|no handle on the inside|took (?:the |my |our )?(?:bedroom |room )?(?:door knob|doorknob|door handle|handle) off|(?:can not|cant|not allowed to) (?:even )?(?:go|walk|leave|step out|drive)(?: \\w+){0,5} without|get in the car or'),
  rule('en.held', 'danger', '(?<!\\sif\\s|\\swhether\\s|\\sknow\\s){SUBJ_EN} (?:being |getting |still )?(?:locked(?! out)|held|kept|trapped|chained|tied up|tied|kidnapped|imprisoned|captive|held captive|hostage|locked up|locked in)'),
  rule('en.kept-in', 'danger', '(?:keeps|kept|keeping|holds|holding|hold|have|has|got) (?:me|us|her|him|them|my (?:\\w+ )?{REL_EN}) (?:in|inside|at|locked in) (?:a |the |this |his |their |an )?(?:\\w+ )?{PLACE}|(?:they|he|she) keep (?:me|us|her|him|them) (?:in|inside|locked in) (?:a |the |this |his |their |an )?(?:\\w+ )?{PLACE}|(?:we|i) (?:only|never) (?:go|get) out (?:without|except with|only with|with) (?:the|our|my|a) (?:manager|boss|driver|guard|owner)'),
  rule('en.cant-leave', 'danger', '(?:can not|cannot|not allowed to|will not let {WHO_EN}|do not let {WHO_EN}|does not let {WHO_EN}|never let {WHO_EN}|not letting {WHO_EN}|no way to|afraid to|scared to|too scared to|terrified to) (?:leave|go out|get out|escape|go home|go outside|run away|get away|call for help|call anyone|call the police|eat|sleep)'),
  rule('en.let-me-go', 'danger', '(?:will not|do not|does not|never|not) let {WHO_EN} (?:go(?! to the mall| to the party| to parties| to the movies| out with)|out|leave|eat|sleep)|not allowed (?:out|outside)|nobody (?:leaves|can leave|is allowed to leave|gets out)|against (?:my|our|her|his) will'),
  rule('en.kidnapped', 'danger', '(?<!\\sto be\\s|\\sto get\\s|\\sbeing\\s)(?:kidnapped|abducted)|kidnapping me|kidnap me|(?:they|he|she|someone|somebody|a man|a guy|some man|some guy) (?:just )?took {WHO_EN}(?=\\s$| \\w+ (?:away|and|to)| away| from (?:the|a|her|his|my|our|school|work)| (?:in|into) (?:a|his|her|their|the) )|(?:put|pushed|pulled) (?:me|us|her|him|them|a (?:\\w+ ){0,2}(?:girl|boy|woman|kid|child|teen)|my (?:\\w+ ){0,3}{REL_EN}) (?:in|into|inside) (?:a|the|his|her|their|an) (?:\\w+ ){0,2}(?:car|van|truck|suv|trunk|vehicle)|(?:shoved|dragged|threw|forced) (?:me|us|her|him|them|a (?:\\w+ ){0,2}(?:girl|boy|woman|kid|child|teen)|my (?:\\w+ ){0,3}{REL_EN}) (?:in|into|inside) (?:a|the|his|her|their|an) |made (?:me|us) get in|(?:i was|we were|she was|he was|they were|got) (?:put|pushed|shoved|dragged|thrown|forced) (?:in|into) (?:a|the|his|her|their|an) (?:\\w+ ){0,2}(?:car|van|truck|trunk|suv|vehicle)'),
  rule('en.trapped', 'danger', 'trapped|(?<!\\sif\\s|\\swhether\\s|\\sknow\\s)(?:i am|we are|she is|he is|they are|i feel) (?:stuck here|imprisoned|a prisoner|a slave|in danger|not safe|unsafe|being trafficked|being sold|being watched|being followed|being threatened|being beaten|being abused|being raped|being hurt|being forced|hiding|held)'),
  rule('en.threat', 'danger', '(?:will|would|going to|gonna|threaten|threatens|threatened|threatening)(?: to)? (?:\\w+ (?:and )?){0,3}(?:hurt|kill|beat|harm|rape|shoot|stab|burn|deport|sell|take away) {WHO_EN}(?! if i am late)'),
  rule('en.kill-me', 'danger', '(?:kill|hurt|harm|beat|rape|shoot|stab) (?:me|us|my (?:\\w+ )?{REL_EN})(?! if i am late| lol| haha)'),
  both('en.if-leave', 'danger', IF_I_LEAVE, HARM_WORD),
  rule('en.hurt', 'danger', '(?<!would\\s|would just\\s|car would\\s)(?:hits|hit|hitting|beats|beat|beating|beaten|hurt|hurts|hurting|rapes|raped|raping|abuses|abusing|burned|burns|chokes|choked|choking|stabbed|punched|punches|kicks|kicked|slaps|slapped|strangled|tortures|tortured) (?:me|us|my (?:\\w+ )?{REL_EN})'),
  rule('en.hurting-now', 'danger', '(?:is|are|he is|she is|they are|keeps|keep|kept|started|starts) (?:beating|hitting|hurting|raping|choking|stabbing|kicking|punching|pulling|dragging|pushing|slapping) (?:her|him|them|me|us|my (?:\\w+ )?{REL_EN})|(?:i|we) need (?:out|to get out|to leave)(?: tonight| now| today| asap)?(?=\\s$)|(?:i|we) need out|just (?:got away|escaped|ran away|got out)|got out (?:the|a|through the) window|(?:waiting|parked|sitting) (?:in the car |in a car |in his car )?outside|(?:i am|im|she is|shes|he is|hes|we are) forced to|(?:can not|cant) talk|(?:can not|cant) (?:type|text|write) (?:much|more|long|now|right now)|send (?:someone|somebody|help)(?=\\s$)|if (?:he|she|they) (?:sees|see|finds|find|catches|catch) (?:this|me|out)|(?:tracked|tracking|found) my (?:phone|location)|(?:he is|hes|they are|theyre) (?:coming|on the way|on their way)|picture of my (?:apartment |house |front )?door'),
  rule('en.injured', 'danger', '(?:i am|we are|she is|he is) (?:hurt|bleeding|injured|badly hurt|beaten up|wounded)'),
  rule('en.weapon', 'danger', '(?:has|have|had|pointed|holding|with|got|pulled|pulls|waving|waves|showed|shows|took out|takes out) (?:a |the |his |her |their |out a |out the )?(?:gun|guns|knife|weapon|pistol|pistola|rifle|machete)'),
  rule('en.sold', 'danger', '(?:they|he|she|men|someone|somebody|people) (?:are |is )?(?:selling|sell|sells|pimping|renting out) (?:young |little |underage )?(?:girls|boys|kids|children|minors|teens|teenagers)|(?:selling|sell|sold|sells|pimping|pimps|pimped|prostituting|renting out|trading|posting) (?:my|a|her|his|this|the|our|their|that) (?:\\w+ )?{MINOR_EN}|(?:selling|sell|sells|pimping|pimps|prostituting) (?:me|us|her|him|them)'),
  rule('en.minor-sex', 'danger', '(?<!\\s(?:if|whether|signs)\\s(?:\\w+\\s){0,3}){MINOR_EN} (?:is being|are being|being|is|was|are|gets) (?:sold|pimped|prostituted|trafficked|forced|made to have sex|used for sex)'),
  unlessHypothetical(both('en.minor-age-sex', 'danger', MINOR_AGE, SEX_FOR_MONEY)),
  rule('en.forced-now', 'danger', '(?:forcing|forces|force|makes|making|are making|is making|make) {WHO_EN} (?:to )?(?:have sex|sleep with|work|sell|prostitute|do sex|do things|do stuff|be with|see clients|dance|strip|do drugs|carry drugs|get in)'),
  rule('en.rescue', 'danger', '(?:rescue|save|come get|come and get|get) (?:me|us) out|(?:rescue|save) (?:me|us)|come (?:get|and get|for) (?:me|us)|help (?:me|us) (?:escape|get out|get away)|please hurry|call the police for me|(?<!they\\s|will\\s|would\\s|do\\s)send (?:the )?police|(?<!\\sdo\\s|\\sdoes\\s)(?:i|we) need (?:the )?police(?! to)|call 911 for me|need 911'),
  rule('en.pursued', 'danger', '(?:following|looking for|chasing|watching|tracking) (?:me|us)|(?:outside|at) (?:the|my|our) (?:door|window|house)(?: right now| now)|(?:my|the) (?:trafficker|pimp) (?:is here|is outside|is coming|is looking|found|knows where|came|has my)|(?:do not|dont) know where i am|hiding (?:in|from)'),
  rule('en.moved', 'danger', '(?:move|moving|take|taking|send|sending) (?:us|me) to (?:another|a different|other) (?:state|city|place|house|country)'),
  rule('en.hostage-kin', 'danger', '(?:they|he|she) (?:have|has|took|are holding|is holding) my (?:\\w+ )?{REL_EN}'),
  rule('en.sos', 'danger', 'sos|mayday|emergency right now|i need help now|need help right now|help me now'),

  // ---- danger, Spanish ----
  rule('es.encerrada', 'danger', '(?<!alguien esta\\s|alguien\\s|llaves\\s|llave\\s|no estoy\\s|no esta\\s|no estamos\\s|no nos tienen\\s|no me tienen\\s|no la tienen\\s|no lo tienen\\s)(?:encerrada|encerrado|encerradas|encerrados)|encierran|encierra|encerro|encerraron|encerrarme|encerrando|secuestrada|secuestrado|secuestradas|secuestrados|secuestraron|secuestro a|raptaron|raptada|raptado|amarrada|amarrado|encadenada|encadenado|atrapada|atrapado|atrapados|atrapadas|escondida|escondido|escondidas|privada de (?:mi |su )?libertad|privado de (?:mi |su )?libertad|contra (?:mi|su|nuestra) voluntad|casa de seguridad|bajo llave|con llave'),
  rule('es.no-dejan-salir', 'danger', '(?:no|nunca) {WHO_ES} (?:dejan|deja|dejaron|dejo|quieren dejar|van a dejar|permiten|permite)(?! salir temprano| salir con (?:mis|sus|las|los) amig)(?: salir| irme| irnos| ir| irse| escapar| regresar| volver| salirme| llamar| hablar| comer| dormir| ni salir|(?=\\s$))'),
  rule('es.no-puedo-salir', 'danger', '(?:no puedo|no podemos|no puede|no pueden|tengo miedo de|tenemos miedo de|me da miedo) (?:salir|irme|irnos|escapar|escaparme|huir|salirme|regresar a mi casa|pedir ayuda|llamar a la policia)'),
  rule('es.retienen', 'danger', '(?:me|nos|la|lo|las|los) (?:retienen|retiene|retuvieron)|retenida|retenido|(?:me|nos) tienen (?:aqui|trabajando)|(?:me|nos|la|lo|las|los) tienen (?:\\w+(?:ados|adas|idos|idas) )?en (?:un|una|el|la) (?:\\w+ )?{PLACE}|(?:traban|trancan|atrancan|cierran|aseguran) (?:la|las) (?:puerta|puertas) con (?:cadena|cadenas|candado|llave)|solo (?:nos|me|los|las) sacan (?:para|pa) trabajar'),
  rule('es.threat', 'danger', '(?:van a|va a|quieren|amenaza con|amenazan con|amenazo con|amenazaron con|dice que va a|dicen que van a|dijo que iba a|dijeron que iban a) (?:\\w+ )?(?:matar|matarme|lastimar|lastimarme|pegar|pegarme|golpear|hacer dano|hacerme dano|hacerle dano|hacerles dano|desaparecer|echarme la migra|quitar a mis hijos|quitarme a mis hijos|vender|llevar|partir la madre|partirme la madre|romper la madre|romperme la madre|madrear|madrearme|dar una madriza|dar una golpiza|levantar)(?! si llego tarde)'),
  rule('es.threat-me', 'danger', '{WHO_ES} (?:amenaza|amenazan|amenazo|amenazaron|estan amenazando|esta amenazando)|(?:me|nos|la|lo|te) (?:mata|matan|matara|mataran|van a matar)(?! el calor| la| el| de risa)|(?:matan|mata) a (?:mi|mis)'),
  both('es.si-me-voy', 'danger', IF_I_LEAVE, HARM_WORD),
  rule('es.self-harm-ambiguous', 'self-harm', 'pienso en (?:aventarme|tirarme|matarme|colgarme)|(?:aventarme|tirarme) (?:del|de un|de una|desde) (?:puente|edificio|azotea|techo)'),
  rule('es.hurt', 'danger', '(?:me|nos|a mi (?:\\w+ )?{REL_ES}|a mis {REL_ES}) (?:pega|pegan|pego|pegaron|golpea|golpean|golpeo|golpearon|viola|violan|violo|violaron|maltrata|maltratan|lastima|lastiman|lastimo|quemo|quemaron|ahorca|ahorcan|patea|patean|abusa|abusan|tortura|torturan)(?! para no| con cigarro| con cigarros| con un cigarro| cuando me acuerdo| yo misma| yo mismo)|(?:estan|esta) (?:golpeandome|pegandome|lastimandome|violandome|golpeando|pegando|lastimando)|(?:me|nos) (?:estan|esta) (?:golpeando|pegando|lastimando|violando|amenazando)'),
  rule('es.hurting-now', 'danger', '(?:la|lo|las|los|le|les) (?:esta|estan) (?:golpeando|pegando|violando|lastimando|ahorcando|pateando|jalando|arrastrando|empujando)|(?:me|nos|la|lo) (?:acaba|acaban) de (?:pegar|golpear|lastimar|violar|amenazar|cachetear|patear)|(?:me|nos) (?:escape|escapamos|acabo de escapar|sali por la ventana|salimos por la ventana)|(?:tiene|tengo|tenemos) miedo (?:de )?que (?:la|lo|me|nos) (?:lastime|mate|pegue|golpee|lleve|encuentre)|ya (?:volvio|regreso|llego|viene)(?: el| ella| otra vez)? (?:ayuda|ayudenme|ayudame|auxilio)|(?:rastrearon|rastreo|rastrean) mi (?:celular|telefono|ubicacion)|(?:van|va|vienen|viene) en camino (?:a|por|hacia|para) (?:mi|la casa|donde|aqui|el|la)|foto de (?:la|mi) puerta|(?:esta|estan) esperando afuera|{ASK_ES}(?:la|lo|me|nos) (?:obligan|obliga) a trabajar|necesito salir(?:me)? de aqui'),
  rule('es.injured', 'danger', 'no (?:puedo|podemos) (?:hablar|escribir)(?! ingles| espanol| bien| mucho ingles| en ingles| english)(?: mucho| ahora| ahorita)?(?: \\w+){0,2} (?:el|ella|ellos|alguien) (?:esta|estan) (?:aqui|a lado|al lado|cerca|enfrente|junto)|(?<!\\s(?:si|cuando) (?:alguien|una persona|alguno|alguna|uno)\\s)(?:estoy|estamos|esta) (?:herida|herido|sangrando|golpeada|golpeado|lastimada|lastimado|muy mal herida|en peligro|secuestrada|secuestrado)|no (?:estoy|estamos) a salvo'),
  rule('es.weapon', 'danger', '(?:tiene|tienen|trae|traen|con|saco|sacaron|saca|sacan|enseno|ensena|apunto|apunta) (?:una |un |la |el |su )?(?:pistola|arma|armas|cuchillo|navaja|fusca|cuete|rifle|fierro|machete)'),
  rule('es.sold', 'danger', '(?:venden|vende|vendio|vendieron|vendiendo|prostituye|prostituyen|prostituyendo|ofrecen|ofrece|renta|rentan) (?:a )?(?:mi|una|la|su|esa|esta|las|unas|nuestra|sus|mis) (?:\\w+ )?{MINOR_ES}|(?:la|lo|las|los|me|nos) (?:venden|vende|vendieron|prostituyen|prostituye|esta vendiendo|estan vendiendo|esta prostituyendo|estan prostituyendo|ofrecen)|(?<!\\ssi\\s(?:\\w+\\s){0,4}|senales de que\\s(?:\\w+\\s){0,3})(?:siendo|fue|es|esta) (?:vendida|vendido|vendidas|prostituida|prostituido|explotada sexualmente)'),
  unlessHypothetical(both('es.minor-age-sex', 'danger', MINOR_AGE, SEX_FOR_MONEY)),
  rule('es.forced-now', 'danger', '{ASK_ES}(?:me|nos|la|lo|las|los) (?:obligan|obliga|estan obligando|esta obligando|fuerzan|fuerza|estan forzando|ponen|pone) a (?:\\w+)|(?:me|nos) (?:hacen|hace) (?:trabajar sin|tener sexo|tener relaciones|acostarme|prostituirme|estar con)|a la fuerza'),
  rule('es.rescue', 'danger', 'sacame|sacanos|saquenme|saquenos|sacarme de aqui|me saque de aqui|me saquen de aqui|rescatame|rescatenme|rescatenos|vengan por mi|vengan por nosotros|ven por mi|llamen a la policia|manden a la policia|auxilio|socorro'),
  rule('es.vigilan', 'danger', '{WHO_ES} (?:vigilan|vigila|tienen vigilada|tienen vigilado)(?! con camaras todo el dia| el telefono| el celular| mi telefono| mi celular| los mensajes| mis mensajes)|(?:me|nos) (?:estan|andan|esta|anda) (?:buscando|siguiendo|vigilando)|(?:afuera|fuera) de (?:la|mi) (?:puerta|casa|ventana)|(?:no se|no sabemos|no se a) (?:a )?donde (?:estoy|estamos|me llevan|nos llevan|vamos)|(?:me|nos) (?:llevaron|subieron|agarraron|jalaron|llevan) (?:a la fuerza|de|en|a un)|(?:nos|me) (?:suben|subieron|van a subir|meten|metieron) (?:a|en) (?:una|un|la|el|su) (?:\\w+ )?(?:van|camioneta|troca|carro|coche|traila|cajuela|auto)|(?:la|lo|las|los) (?:metio|metieron|subio|subieron|avento|aventaron|jalo|jalaron|arrastro|arrastraron) (?:a|en|dentro de) (?:una|un|la|el|su) (?:\\w+ ){0,2}(?:van|camioneta|troca|carro|coche|traila|cajuela|auto)|(?:la|lo|las|los) (?:lleva|llevan|llevaba|llevaban) con (?:senores|hombres|clientes|unos senores|unos hombres)'),
  rule('es.hostage-kin', 'danger', '(?:tienen|tiene|se llevaron|agarraron|se robaron) a mi (?:\\w+ )?{REL_ES}'),

  // ---- danger, both languages: reported conditional threats ("he says if I leave…", "dice que si no…") ----
  ordered('any.conditional-threat', 'danger',
    '(?<!(?:lawyer|abogado|abogada|attorney|hotline|linea|teacher|maestra|maestro|doctor|doctora|nurse|enfermera|counselor|consejera|mom|mama|dad|papa)\\s(?:\\w+\\s){0,2})(?:says|said|dice|dicen|dijo|dijeron|told me|told us|me dijo|nos dijo|tells me|tells us|threatens|threatened|amenaza|amenazan|amenazo|warned|keeps saying|texted)(?! to fire| he will fire| she will fire| que me va a correr| que me corre| que me despide)',
    '(?<!\\s(?:tell|know|see|sure|wonder|ask|check|saber|se|sabe|pregunto)\\s)(?:if|unless|si|a menos que) (?:i|we|you|anybody|anyone|somebody|someone|no|me|nos|alguien|le|les|u|llamamos|llamo|hablo|hablamos|digo|decimos|dejo|dejamos|paro|salgo|renuncio|voy|vamos)|anybody who|anyone who|whoever|who tries to|al que se|el que se|la que se'),
  rule('any.who-tries', 'danger', '(?:anybody|anyone|whoever|who) (?:who )?(?:tries|try|trys) to (?:run|leave|escape|quit)|al que se (?:vaya|quiera ir|escape|salga)|el que se (?:vaya|quiera ir|escape|salga)'),
  rule('en.pursuit-now', 'danger', '(?:coming|driving|on (?:his|her|their) way) to (?:get|pick up|pick|my|our|the)|not leaving without (?:me|us|her)|(?:pounding|banging|knocking) on (?:the|my|our) (?:door|window)|(?:he is|she is|they are|hes|theyre) (?:here|back|outside|at the door|in the next room|asleep in the next room)|(?:sent|texted) (?:a )?(?:pic|picture|photo) of my (?:house|door|front door|car|work)|see you soon|send (?:someone|somebody|help) to|(?:he is|hes|they are) back in \\d+|need to be gone before'),
  rule('es.pursuit-now', 'danger', '(?:viene|vienen|va a venir) por (?:mi|nosotros|nosotras|ella|el)|(?:tocando|golpeando|pateando) la (?:puerta|ventana)|(?:esta|estan) (?:afuera|en la entrada|en la puerta)|(?:ya )?(?:encontro|encontraron|sabe|saben) donde (?:vivo|vivimos|estoy|estamos)|(?:me|nos) (?:vienen|viene) siguiendo|(?:me|nos) (?:cacho|cacharon)|manden a alguien'),
  rule('en.taken-now', 'danger', '(?:traded|sold|gave|give|giving|trading|selling) (?:me|her|him|us) to (?:a|some|this|that|an)|(?:taking|take|moving|sending|send) (?:her|him|me|us|them) to (?:\\w+ ){0,3}(?:tonight|tomorrow|today|now)|(?:do not|dont) know (?:what|which) (?:town|city|place|state)|moved us|(?:wont|will not|would not) give (?:me )?back my (?:\\w+ )?(?:kid|kids|baby|daughter|son|child|children|girl|boy)|(?:never|not) see (?:her|him|them|my \\w+) again'),
  rule('es.taken-now', 'danger', '(?:vendio|vendieron|cambio|regalo|dio) a (?:mi )?(?:\\w+ )?{REL_ES}|(?:me|la|lo|nos) (?:va|van) a (?:mandar|llevar|mover) a (?:otro|otra)|(?:nos|me) van a mover|no se (?:en )?que (?:pueblo|ciudad|lugar|estado)|(?:hija|hijo|hijos|hijas|bebe|nina|nino|ninos|ninas)\\s(?:.*\\s)?no (?:me|nos) (?:la|lo|los|las) (?:quiere|quieren) (?:regresar|devolver|dar)|se (?:la|lo|las|los) llevan|(?:pidiendo|pide|piden|quiere|quieren) dinero para (?:regresarla|regresarlo|devolverla|devolverlo|soltarla|soltarlo)|subete al carro o|sube al carro o'),
  rule('en.deprived', 'danger', '(?:took|takes|taking|keeps|hides|hid) (?:my|our) (?:insulin|medicine|meds|medication|inhaler|pills|shoes|charger|food|id and phone)|(?:have not|havent|did not|didnt) (?:eaten|eat|slept|sleep) (?:in|for) (?:\\d+|two|three|four|five|a few) (?:days|day)|(?:we|i) (?:only )?(?:eat|get food) when we finish'),
  rule('es.deprived', 'danger', '(?<!\\s(?:por si|en caso de que|y si)\\s(?:\\w+\\s){0,2})(?:me|nos) (?:quito|quitaron|quita|quitan|esconde|escondio|escondieron) (?:mi|mis|la|las|el|los|nuestra|nuestras|nuestros) (?:medicina|medicinas|insulina|comida|pastillas|zapatos|celular|celulares|telefono|telefonos)|(?:tomamos|comemos|bebemos) (?:agua )?cuando (?:terminemos|acabemos|terminamos)|no hay agua desde|no (?:me|nos) (?:dan|da|deja|dejan) (?:mi |la |de )?(?:medicina|comer|comida|agua|dormir|ir al bano|insulina)|no (?:hemos|he) comido|comemos cuando (?:terminemos|acabemos)|(?:para|pa) que no (?:me|nos) (?:vaya|vayamos|escape|escapemos|salga|salgamos)'),
  rule('en.minor-sold', 'danger', '(?:selling|sells|sold|pimping|posting|advertising) (?:my|a|her|his|our|their) (?:\\w+ ){0,3}{MINOR_EN}|(?:bringing|brings|brought) (?:men|guys) (?:into|to) (?:my|her|his|our)|(?:makes|made|forces|forcing|making) (?:me|her|him|us) (?:go|be|sleep|stay) with (?:older |other |)(?:men|guys)|for money (?:and|with|at)'),
  rule('en.hurt-now', 'danger', '(?:i am|im|we are|she is|he is) (?:getting|gonna get|going to get|about to get) (?:hurt|beat|beaten|killed|sold)|(?:arm|leg|nose|rib|ribs|hand|jaw|wrist) (?:is|are|got|feels) broken|broke my (?:arm|leg|nose|rib|ribs|hand|jaw|wrist)|burn (?:me|us|her|him)(?: again)?'),
  rule('es.threat-want', 'danger', '(?:me|nos|la|lo) (?:quiere|quieren) (?:matar|lastimar|pegar|llevar|vender|desaparecer)|(?:me|nos) (?:va|van) a (?:desaparecer|ir muy mal|ir mal)'),

  // ---- self-harm ----
  rule('en.suicide', 'self-harm', '(?:kill|killing|hurt|hurting|cut|cutting|harm|harming) (?:myself|my self)|(?:want|wanna|going|plan|planning|thinking about|think about|thought about|tempted)(?: to)? (?:die|end my life|end it all|end it|suicide|commit suicide|take my (?:own )?life|not be here|disappear forever|jump off|jump from)|suicidal|no reason to live|(?:do not|dont) (?:want to|wanna) (?:live|be alive|wake up)|(?:better off|rather be|wish i was|wish i were) dead|better off (?:if i was dead|if i were dead|without me)|(?:took|take|taking|swallowed) (?:a lot of|all|many|too many|a bunch of|all my|all the|a bunch) (?:pills|meds|medicine)|overdose|end it (?:tonight|today|now|all)|(?:no|the) point (?:in|of) living|tired of living|stop forever|want to die|wanna die'),
  rule('es.suicidio', 'self-harm', '(?:me quiero|quiero|quisiera|me voy a|pienso en|pensando en|ganas de) (?:morir|morirme|matar|matarme|suicidar|suicidarme|quitarme la vida|el suicidio|suicidio|desaparecer para siempre|hacer dano|hacerme dano|acabar con mi vida|acabar con todo|aventar|tirar del|tirarme|colgar)|no quiero (?:vivir|seguir viviendo|despertar|estar viva|estar vivo)|ya no quiero vivir|no vale la pena vivir|(?:mejor|prefiero estar|estaria|estarian mejor si estuviera) (?:muerta|muerto)|me quiero matar|suicidarme|quitarme la vida|acabar con mi vida|razon para vivir|para que sigo viviendo|(?:cansada|cansado|me canse) de vivir|(?:ojala|quisiera) (?:no despertar|no despertara|me muriera|morirme|estar muerta|estar muerto)|(?:me tome|tome|me tomare|tomarme) (?:un monton de|muchas|todas las|todas mis|un chingo de) (?:pastillas|pildoras)|me voy a cortar(?=\\s$)|cortarme las venas'),

  rule('any.self-harm-third', 'self-harm', '(?:kill|killing|hurt|hurting|cut|cutting) (?:herself|himself|themselves)|(?:se va a|se quiere|quiere|va a) (?:suicidar|matar|quitar la vida)|suicidarse|quitarse la vida|ending it(?=\\s$)|thinking about ending it|tired of being alive|(?:cansada|cansado) de estar (?:viva|vivo)|(?:no|any) way out (?:except|but) (?:dying|death|to die)|no veo otra salida (?:mas )?que (?:morir|morirme|la muerte)|planning how (?:i|to) (?:would|will)? ?do it|(?:ya )?tengo pensado como (?:lo )?voy a hacer|para que vivir|si yo no existiera|(?:un carro|un camion|un coche) me (?:atropellara|atropelle)|(?:car|truck|bus) would (?:just )?hit me|(?:nadie|nobody) me (?:extranaria|extrañaria|would miss)|nobody would miss me'),
  rule('en.self-harm-more', 'self-harm', 'sleep forever|(?:saving|saved|stocking) (?:up )?(?:my |all my )?(?:pills|meds)|tonight is the night|cut again|cutting again|go deeper|how high (?:does|do|is) (?:a )?(?:bridge|building|parking deck)|bought (?:a )?rope|walk(?:ing)? into traffic|disappear for good|(?:would|will) (?:even )?miss me|if i was gone|if i were gone|wrote (?:letters|a letter|goodbye)|want it all to end|(?:burning|burn|cutting|hitting|starving) myself|thinking about jumping|if i die tonight|on myself'),
  rule('es.self-harm-more', 'self-harm', '(?:me pego|me corto|me lastimo|me quemo|me golpeo|me rasguno) (?:yo )?(?:misma|mismo|hasta sangrar)|dormir para siempre|(?:me lastimo|me quemo|me corto|me corte|me pego|me hago dano) (?:para|con|cuando|otra vez|los|las)|me corte otra vez|carta a mis hijos|carta de despedida|ya me despedi|quiero (?:brincar|saltar|aventarme|tirarme)|se acabe todo|no puedo mas con (?:esta|mi) vida|veneno|cortarme|no quiero seguir aqui|todo el frasco|pastillas guardadas|me las voy a tomar todas|me quito la vida|quitarme la vida'),
  rule('en.self-harm-words', 'self-harm', '(?:no|what is the|whats the|wheres the) point (?:of|in) (?:going on|keep going|carrying on)(?! a | the | with| about| vacation)|(?:took|swallowed|ate) (?:some|a lot|a bunch|a handful|handful|half) of (?:his|her|my|the|those|these) (?:pills|meds|sleeping pills|painkillers)|(?:took|swallowed) (?:\\w+ ){0,4}(?:pills|meds) (?:\\w+ ){0,3}(?:i do not know|not sure|no idea) how many|(?:took|swallowed) (?:like |about |maybe )?\\d+ (?:pills|sleeping pills|painkillers)|(?:drive|driving|crash|crashing|swerve|swerving) (?:my car |the car |the truck )?into (?:a tree|a wall|a pole|traffic|oncoming traffic|the river|a truck|a bridge)|(?:reason|point) (?:to|in|of) (?:keep |keeping |go on |going on )?living|ending it all|end it all|end my life|swallowed (?:all|a lot|many|my|the|a bunch)|sleeping pills|jumping off|jump off (?:a|the|my)|never wake up|not wake up|(?:a|the|my) rope and|stop existing|(?:od|overdose) (?:tonight|today|now)|everyone (?:would be|is) better off|better off without me|disappear forever|cut myself|cutting myself|cut my (?:wrists|arms)'),
  rule('es.self-harm-words', 'self-harm', 'soy una carga (?:para|pa) (?:todos|mi familia|mis hijos|ustedes|el|ella|todo el mundo)|si (?:yo )?no estuviera (?:aqui )?(?:seria|serian|estarian|todo seria|todos estarian)|(?:dios|diosito|el senor) (?:ya )?me (?:recoja|recogiera|lleve|llevara)|(?:me tome|tome|me trague|trague|me eche) (?:como |unas |mas de |casi )?\\d+ (?:pastillas|pildoras)|(?:irme|tirarme|aventarme|meterme) al (?:rio|mar|lago|canal) y ya|(?:tirarme|aventarme) al (?:rio|mar|lago|canal)|(?:caso|sentido) (?:a|de|en) seguir|ya no le (?:encuentro|veo) (?:caso|sentido)|tengo pensado como hacerlo|razon para (?:seguir )?(?:vivir|viviendo)|sentido (?:tiene|de) (?:vivir|seguir)|(?:no despertara|no despertar|no volver a despertar)(?: nunca)?|(?:una|la) soga|dejar de existir|(?:cortar|cortarme|corte|cortado) (?:los|las|mis) (?:brazos|venas|munecas)|volvi a cortar|mejor sin mi|estarian mejor sin|matarme|quitarme la vida|quitar la vida|me quiero quitar|no aguanto mas vivir|me quiero morir|mejor me muero'),

  // ---- a real person ----
  rule('en.human', 'human', '(?:talk|speak|chat|text) (?:to|with) (?:a |an |some |the )?(?:real |live |actual )?(?:person|human|human being|someone real|somebody real|agent|operator|advocate|counselor|counsellor|representative|rep|staff member|volunteer)|(?:talk|speak|chat) (?:to|with) (?:someone|somebody)|real person|real human|live person|live agent|(?:someone|somebody) real|(?:get|put) (?:a |an |the |someone |somebody )?(?:\\w+ )?(?:caseworker|case worker|advocate|counselor|person|human|someone|somebody|agent|operator) on the (?:line|phone)|not a bot|is this a (?:bot|robot)|are you a (?:bot|robot|real person)|(?:connect|transfer|put) me (?:with|to|through to) (?:someone|somebody|a person|a human|an agent|a case manager|a caseworker|a social worker|an advocate|a counselor)|get me a (?:person|human|real person)|(?:can|could) (?:someone|somebody|a person) call me'),
  rule('en.human-role', 'human', '(?:talk|speak|chat|text|connect|put|transfer|get)(?: me)? (?:to|with|in touch with|through to) (?:a |an |some |the |my )?(?:real |live |actual )?(?:human|person|advocate|counselor|counsellor|caseworker|case worker|social worker|agent|operator|representative)|(?:is there|any) (?:a |an )?(?:human|real person|person|advocate)(?: i can| to| there)|(?:someone|somebody|a person|an advocate|a real advocate|a counselor) (?:to )?(?:call|text|contact) (?:me|us)|(?:call|text|contact) me back'),
  rule('any.human-more', 'human', '(?:i need|need|i want|want|looking for) (?:a |an )?(?:social worker|case manager|caseworker|case worker|advocate|counselor|human|real person)|(?:do not|dont) want (?:a |to talk to a |to talk with a )?(?:bot|robot)|(?:talk|speak|meet|see|help|someone|somebody) (?:\\w+ ){0,2}in person|(?:necesito|quiero|busco) (?:una |un )?(?:trabajadora social|trabajador social|defensora|defensor|consejera|consejero|persona real|humano|abogada o alguien)|no quiero (?:hablar con )?(?:un )?(?:robot|bot|maquina)|persona o (?:maquina|robot|bot)|en persona|(?<!911\\s|el 911\\s)(?:hay|habra) (?:alguien|una defensora|un defensor|una persona) que (?:me |hable|pueda)|(?:pasar|pasarme|pasame|pasenme|paseme|comuniqueme|comunicame|comuniquenme|conecteme) con (?:alguien|un asesor|una asesora|una consejera|un consejero|un humano|una persona|una defensora|un agente)|con un humano|actual person|real person i can|alguien (?:que )?me (?:llame|llamara|pueda llamar|hable)|(?:lawyer or advocate|an advocate|advocate) who can (?:talk|speak|call|meet)'),
  whole('en.human-word', 'human', 'agent|operator|human|representative|a person|person|a human|live person|human please|someone real'),
  rule('es.human', 'human', '(?:alguien|una persona) (?:que )?(?:me )?(?:atienda|conteste) (?:por telefono|el telefono)|prefiero hablar (?:que|a|en vez de|y no) escribir|(?:hablar|platicar|chatear|comunicarme|comunicar) (?:con|a) (?:una |un |alguna |algun )?(?:persona|humano|humana|persona real|agente|operador|operadora|asesor|asesora|consejera|consejero|representante|voluntaria|voluntario|alguien)|persona real|alguien real|(?:pasame|pasenme|comunicame|comuniqueme|conecteme|conectame) con (?:alguien|una persona|un humano|un agente)|eres (?:un )?(?:robot|bot|maquina)|es un robot|no quiero (?:un )?(?:robot|bot|maquina)|(?:me puede|me pueden|puede|pueden) llamar (?:alguien|una persona)|(?:me|nos) llame alguien'),
  rule('es.human-role', 'human', '(?:hablar|platicar|chatear|comunicarme|comuniquenme|comunicame|conectar|conectarme|conecten|contactar|contacte)(?: me)? (?:con|a) (?:una |un |alguna |algun )?(?:persona|humano|humana|defensora|defensor|consejera|consejero|trabajadora social|trabajador social|asesora|asesor|agente|operadora|operador|representante|voluntaria|voluntario|alguien)|(?:hay|esta) (?:un|una|algun|alguna) (?:humano|humana|persona)(?: real| de verdad)? (?:con quien|para|que)|(?:alguien|una persona) (?:me|nos) (?:puede|pueda|podria|llame|llama|contacte|escriba)|(?:me|nos) (?:puede|pueden|podria|podrian) (?:contactar|llamar|conectar|comunicar) (?:una persona|alguien|con)|persona (?:de verdad|real)'),
  whole('es.human-word', 'human', 'operador|operadora|humano|un humano|una persona|persona|agente|asesor|con un asesor|con una persona|con alguien|representante'),
]);

/** Words the safety rules are written with; typos are corrected toward these before matching. */
export const SAFETY_LEXICON: readonly string[] = Object.freeze(
  [...new Set(SAFETY_RULES.flatMap((r) => r.pattern.source.match(/[a-z]{5,}/g) ?? []))].sort(),
);
