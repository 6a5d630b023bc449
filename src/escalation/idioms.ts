/**
 * Hyperbole that borrows danger words ("this exam is going to kill me", "la novela me tiene secuestrada",
 * "held hostage by this group project haha"). Only the idiom is blanked; the rest of the message is
 * still checked, so "this job is killing me, he locked me in" still escalates.
 */
export const IDIOMS: readonly RegExp[] = [
  /\s(?:this|that|the|my|esta|este|el|la|mi) (?:movie|show|novela|serie|series|project|group project|exam|examen|test|heat|calor|homework|tarea|traffic|trafico|class|clase|game|juego|job|trabajo|feet|pies|curiosidad|song|cancion)(?: \w+){0,6} (?:kidnapped|kidnap|hostage|killing|kill|killed|murder|secuestrada|secuestrado|matar|matando|mata|me tiene secuestrada|me tiene secuestrado)(?=\s)/g,
  /\s(?:gonna|going to|will|va a|me va a|me van a) (?:kill|murder|matar)(?: me)? (?:if i am late|if im late|si llego tarde)(?=\s)/g,
  /\s(?:plan|contract|lease|contrato|plan de telefono) (?:has|have|got|me tiene) (?:me )?(?:locked in|encerrad[oa])(?=\s)/g,
  /\s(?:ando|estoy) encerrad[oa] (?:en mi casa |en casa |en mi cuarto )?(?:estudiando|viendo|jugando|haciendo tarea|leyendo)(?=\s)/g,
  /\s(?:threat\w*|amenaz\w*) (?:to|con) (?:fire|evict|sue|correr|corrernos|despedir|despedirme|correrme|desalojar|demandar|cut (?:my|our) hours|quitarme horas|pintar|subir la renta|cobrarme|raise the rent|paint)(?=\s)/g,
  /\s(?:gonna|going to|will|va a|me va a) (?:kill|murder|matar)(?: me)? (?:when|cuando) (?:\w+ ){0,3}(?:sees|see|finds out|vea|se entere)(?=\s)/g,
  /\s(?:kidnapped|kidnap|secuestraron|secuestrada|secuestrado|held me hostage|hostage)(?: \w+){0,8} (?:surprise|sorpresa|birthday|cumpleanos|dinner|cena|playground|party|fiesta)(?=\s)/g,
  /\s(?:secuestrad[oa]|atrapad[oa]|encerrad[oa]) con (?:tanta|tanto|la|el|mucha|mucho) (?:tarea|trabajo|chamba|examenes|quehacer)(?=\s)/g,
  /\s(?:encerrad[oa]|stuck at home|stuck inside)(?: en la casa| en casa| at home)? (?:con|por|with) (?:gripa|gripe|covid|la lluvia|el frio|the flu|a cold|fiebre)(?=\s)/g,
  /\s(?:i feel|me siento|feel|feeling) (?:so |muy |tan )?(?:trapped|atrapad[oa]) (?:in|en) (?:this|my|este|mi|a) (?:dead end |boring |aburrido )?(?:job|trabajo|relationship|relacion|town|pueblo|routine|rutina|life|vida|class|clase)(?=\s)/g,
  /\s(?:grounded|castigada|castigado)\s.*\s(?:prisoner|prisionera|prisionero|held)(?=\s)/g,
  // Someone close will "kill me" over a forgotten cake or a scratched car.
  /\s(?:going to|gonna|will|would|shed|hed|theyd|va a|iba a|van a|iban a) (?:kill|murder|strangle|choke|matar|ahorcar)(?: me)? (?:if|si) (?:i )?(?:forget|forgot|miss|lose|break|spill|eat|scratch|le rayo|le rayaba|rayo|rayaba|olvido|olvidaba|se me olvida|se me olvidaba|pierdo|perdia|rompo|rompia|me como|me comia)(?=\s)/g,
  // A grandmother who "will kill me" over school, said laughing: both the relative and the laugh.
  /\s(?:mi )?(?:mama|abuela|abuelita|mom|grandma|grandmother|mother)\s(?:\w+\s){0,2}(?:me mata|me va a matar|me mataria|will kill me|is going to kill me|would kill me)\s(?:.*\s)?(?:jaja\w*|lol|lmao|haha\w*|xd)(?=\s)/g,
  // Stories, games and films where people are kidnapped or killed.
  /\s(?:videojuego|juego|game|video game|playing|jugando|pelicula|movie|film|serie|show|novela|telenovela|capitulo|episodio|episode|libro|book|partido|free fire|fortnite|roblox|minecraft|gta)\s(?:\w+\s){0,10}(?:secuestr\w*|kidnap\w*|matan|mata|mataron|kill\w*|captive|hostage)(?=\s)/g,
  // Killed over and over in a game ("me mataron 10 veces seguidas").
  /\s(?:me|nos) (?:mataron|mato|matan) (?:\w+ ){0,2}(?:veces|vez)(?=\s)/g,
  // A football match or a show that "has me kidnapped", in any spelling ("secuestrao").
  /\s(?:partido|juego|tele|novela|serie|show|game|match)\s(?:\w+\s){0,2}me (?:tiene|tienen) (?:secuestr\w*|atrapad\w*|encerrad\w*)(?=\s)/g,
  // "would kill for tacos", "she'd murder whoever left the freezer open".
  /\s(?:kill|murder|matar|mataria) (?:for|por) (?:a|an|some|the|un|una|unos|unas)(?=\s)/g,
  /\s(?:kill|murder|strangle|matar|mata|mataria) (?:whoever|anyone who|the person who|a quien|al que) (?:left|ate|took|forgot|used|broke|dejo|se comio|agarro|rompio)(?=\s)/g,
  // Songs and titles ("the song 'Suicidal'"), a crush that "shot me down", a finger cut peeling potatoes.
  /\s(?:song|cancion|movie|pelicula|book|libro|album|track|show)\s(?:called |named |titled |llamada |que se llama )?(?:\w+\s){0,2}(?:suicidal|suicide|suicidio|kill\w*)(?=\s)/g,
  /\s(?:got |get |getting )?(?:shot|shoot) (?:me )?down(?=\s)|\s(?:shoot|shot) my shot(?=\s)/g,
  /\s(?:me corte|me queme|me golpee|cut|burned|burnt) (?:el|la|un|una|my|a) (?:dedo|mano|pie|finger|hand|thumb|lengua|tongue)(?=\s)/g,
  // School subjects that "are going to kill me".
  /\s(?:la |el |this |my )?(?:quimica|matematicas|mate|fisica|biologia|historia|algebra|calculo|chemistry|math|maths|physics|biology|algebra|calculus)\s(?:\w+\s){0,2}(?:me va a matar|me mata|is going to kill me|is killing me|will kill me)(?=\s)/g,
  // Games ("beat the final boss"), an interjection ("shoot, I forgot"), dying of anger or laughter.
  /\s(?:beat|beating|kill|killing) (?:the|this|that|a) (?:final |last |next )?(?:boss|level|game|round|dungeon)(?=\s)/g,
  /^\s(?:shoot|oh shoot|aw shoot|dang|darn)(?=\s)/g,
  /\s(?:se va a|me voy a|va a|me muero|se muere|i am going to|im going to) (?:morir )?de (?:un )?(?:coraje|risa|pena|hambre|verguenza|sueno|cansancio|calor|frio|aburrimiento)(?=\s)/g,
  // Said of a pet or a mother-in-law, then "jk" or a laugh.
  /\s(?:going to|gonna|will|voy a|lo voy a|la voy a|la|lo)\s(?:kill|matar|ahorcar|ahorco|mato)(?: him| her| it| them)?(?:\s\w+){0,6}\s(?:jk|lol|lmao|haha\w*|jaja\w*|xd)(?=\s)/g,
  // "the song that goes…": whatever the lyrics say.
  /\s(?:song|cancion|lyrics|letra)(?:\s\w+){0,3}\s(?:that goes|goes like|que dice|called|titled|named|que se llama)(?:\s\w+){0,12}(?=\s)/g,
  // Pets, phones, updates and soap operas as captors.
  /\s(?:the |my |el |la |mi )?(?:cat|dog|kitten|puppy|gato|gata|perro|perra|perrito|gatito|bebe|baby)\s(?:\w+\s){0,3}(?:hostage|secuestrad\w*|prisoner|prisionera?)(?=\s)/g,
  /\s(?:prisoner|prisionera?|hostage|secuestrad\w*)\s(?:of|de|by|por)\s(?:\w+\s){0,3}(?:soap operas?|novelas?|telenovelas?|updates?|actualizacion|series|show|shows|tiktok|phone|cel|celular|homework|tarea)(?=\s)/g,
  /\s(?:held|being held|is held) hostage by (?:a|an|the|my|this) (?:\w+ ){0,2}(?:update|software|game|phone|app|class|meeting|printer)(?=\s)/g,
  // Trapped or killed in a game ("trapped in a minecraft cave").
  /\s(?:trapped|atrapad\w*|kidnapped|secuestrad\w*|killed|hostage|stuck)\s(?:\w+\s){0,6}(?:minecraft|roblox|fortnite|free fire|resident evil|in the game|en el juego|the game|el juego|videojuego)(?=\s)/g,
  /\s(?:somebody|someone|just|alguien) (?:shoot|kill) me(?=\s)/g,
  /\s(?:me persiguen|me sigue|me siguen|chasing me) (?:los |unos )?(?:zombies|zombis|monstruos|monsters|fantasmas|ghosts)(?=\s)/g,
  // A mother who "will kill me if she sees the car", hide and seek, a baby who locked mom in, rain.
  /\s(?:mi )?(?:mama|mami|abuela|abuelita|tia|mom|grandma)\s(?:\w+\s){0,2}me (?:mata|va a matar|mataria) si (?:ve|se entera|sabe|descubre)(?:\s\w+){0,5}(?=\s)/g,
  /\s(?:jugando|jugar|juegan|jugaban) (?:a las|a la) escondidas(?=\s)/g,
  /\s(?:me|nos) dejo encerrad[oa] en (?:el|la) \w+(?:\s\w+){0,3}\s(?:jaja\w*|ya me abrio|ya sali|lol)(?=\s)/g,
  /\s(?:atrapad[oa]s?|stuck|trapped) (?:en|in|at) (?:la|el|the|my|mi|work) ?\w* (?:hasta que|until) (?:escampe|pare|pase|the rain|it stops|the storm)(?=\s)/g,
  /\s(?:que oso|que verguenza|que pena|tragame tierra)(?:\s\w+){0,3}\sme quiero morir(?=\s)|\sme quiero morir de (?:la )?(?:verguenza|pena|risa)(?=\s)/g,
  /\s(?:me|nos) (?:esconde|esconden|escondio|quito|quita) (?:el|la|mi|mis|los) \w+ (?:de broma|jugando|por jugar)(?=\s)/g,
  // Myths and films: "los mitos… como que las tienen encadenadas".
  /\s(?:mitos?|myths?|peliculas?|movies?)\s(?:\w+\s){0,8}(?:encadenad\w*|secuestr\w*|chained|kidnapped|raptad\w*)(?=\s)/g,
  // Pranks, drills and group chats.
  /\s(?:locked|lock) (?:me|us) in (?:the |a |my )?\w+ (?:as a prank|for a joke|for fun|de broma|jugando)(?=\s)/g,
  /\s(?:encerrad[oa]s?|locked in|locked down|lockdown|tuvieron encerrad[oa]s?)\s(?:\w+\s){0,6}(?:simulacro|drill|practice)(?=\s)/g,
  /\s(?:trapped|stuck|atrapad[oa]) (?:in|en) (?:this|a|the|my|este|esta|el|la|un|una) (?:group chat|chat|meeting|zoom|call|line|queue|traffic|trafico|fila|reunion|grupo)(?=\s)/g,
  /\s(?:holding|holds|held|tiene|tienen) (?:my|our|the|mi|el|la|nuestro) (?:deposit|money|package|paycheck|stuff|deposito|dinero|paquete) (?:hostage|secuestrad[oa])(?=\s)/g,
  // Locked out of one's own home, not locked in.
  /\s(?:me quede|nos quedamos|quede|quedamos) (?:afuera|fuera) de (?:mi|la|nuestra) (?:casa|puerta|depa|departamento|apartamento|carro|cuarto)(?=\s)/g,
  /\s(?:held hostage|kidnapped|secuestrad[oa]) (?:by|por) (?:this|that|the|my|esta|este|la|el|mi) (?:\w+ ){0,2}(?:project|homework|tarea|proyecto|novela|show|serie|exam|examen|game|juego)(?=\s)/g,
];

/** The message (normalised, padded with a space each side) with its hyperbole blanked out. */
export function blankIdioms(padded: string): string {
  return IDIOMS.reduce((text, re) => text.replace(re, ' '), padded);
}
