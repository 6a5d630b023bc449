/**
 * Synthetic knowledge bases for the search-cost stage: a statewide directory of local resources, in the
 * real entry format (bilingual, 8 questions per language, title, keywords, answer), generated from a
 * fixed vocabulary with a seeded generator so that every run builds the same bases. The 46 real entries
 * are kept inside every base, so the evaluation set can be asked of them among thousands.
 *
 * The services are ones the real base has no topic for (food, classes, clinics, rides...), so that each
 * evaluation case keeps its expected answer; but the everyday words of a directory ("where", "free",
 * "near", "help", "gratis", "cerca", "ayuda") are shared with real questions, as they would be.
 */
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { entrySchema, type Entry } from '../src/knowledge/schema';
import { normalize } from '../src/text/normalize';
import { seeded } from './stats';

type Pair = readonly [en: string, es: string];

const SERVICES: readonly Pair[] = [
  ['food pantry', 'despensa de comida'],
  ['hot meals', 'comidas calientes'],
  ['clothing closet', 'ropero comunitario'],
  ['diapers and baby supplies', 'pañales y cosas para bebe'],
  ['english classes', 'clases de ingles'],
  ['ged classes', 'clases de ged'],
  ['job training', 'capacitacion laboral'],
  ['resume help', 'ayuda con el curriculum'],
  ['computer classes', 'clases de computacion'],
  ['free tax preparation', 'preparacion de impuestos gratis'],
  ['dental clinic', 'clinica dental'],
  ['eye exams', 'examenes de la vista'],
  ['flu shots', 'vacunas contra la gripe'],
  ['prenatal care', 'cuidado prenatal'],
  ['prescription help', 'ayuda con recetas medicas'],
  ['bus passes', 'pases de autobus'],
  ['rides to appointments', 'transporte a citas'],
  ['childcare', 'guarderia infantil'],
  ['after school program', 'programa despues de la escuela'],
  ['summer camp', 'campamento de verano'],
  ['utility bill help', 'ayuda con el recibo de luz'],
  ['rent assistance', 'ayuda con la renta'],
  ['home repairs', 'reparaciones de casa'],
  ['furniture bank', 'banco de muebles'],
  ['bike repair', 'reparacion de bicicletas'],
  ['library card', 'tarjeta de biblioteca'],
  ['internet access', 'acceso a internet'],
  ['citizenship classes', 'clases de ciudadania'],
  ['parenting classes', 'clases para padres'],
  ['senior center', 'centro para mayores'],
  ['youth sports', 'deportes juveniles'],
  ['community garden', 'huerto comunitario'],
  ['farmers market vouchers', 'cupones para el mercado'],
  ['school supplies', 'utiles escolares'],
  ['car seat checks', 'revision de sillas de auto'],
  ['hearing tests', 'pruebas de audicion'],
  ['diabetes education', 'educacion sobre diabetes'],
  ['nutrition classes', 'clases de nutricion'],
  ['laundry vouchers', 'vales de lavanderia'],
  ['showers and hygiene kits', 'duchas y kits de higiene'],
  ['financial coaching', 'asesoria financiera'],
  ['small business classes', 'clases para pequeños negocios'],
  ['drivers education', 'clases de manejo'],
  ['tutoring', 'tutorias'],
  ['reading program', 'programa de lectura'],
  ['music lessons', 'clases de musica'],
  ['art classes', 'clases de arte'],
  ['swimming lessons', 'clases de natacion'],
  ['pet food', 'comida para mascotas'],
  ['blood pressure checks', 'chequeo de presion'],
  ['mobile clinic', 'clinica movil'],
  ['wic sign up', 'inscripcion en wic'],
  ['snap applications', 'solicitud de cupones de comida'],
  ['medicaid enrollment', 'inscripcion en medicaid'],
  ['cell phone program', 'programa de telefono celular'],
  ['winter coats', 'abrigos de invierno'],
  ['holiday gifts', 'regalos navideños'],
  ['thrift store', 'tienda de segunda mano'],
  ['volunteer program', 'programa de voluntarios'],
  ['mentoring', 'mentoria'],
];

const COUNTIES =
  'alamance alexander alleghany anson ashe avery beaufort bertie bladen brunswick buncombe burke cabarrus ' +
  'caldwell camden carteret caswell catawba chatham cherokee chowan clay cleveland columbus craven ' +
  'cumberland currituck dare davidson davie duplin durham edgecombe forsyth franklin gaston gates graham ' +
  'granville greene guilford halifax harnett haywood henderson hertford hoke hyde iredell jackson johnston ' +
  'jones lee lenoir lincoln macon madison martin mcdowell mecklenburg mitchell montgomery moore nash ' +
  'new_hanover northampton onslow orange pamlico pasquotank pender perquimans person pitt polk randolph ' +
  'richmond robeson rockingham rowan rutherford sampson scotland stanly stokes surry swain transylvania ' +
  'tyrrell union vance wake warren washington watauga wayne wilkes wilson yadkin yancey';

const TOWNS =
  'raleigh charlotte greensboro winston_salem fayetteville cary wilmington high_point concord asheville ' +
  'greenville gastonia jacksonville chapel_hill rocky_mount burlington huntersville kannapolis apex hickory ' +
  'goldsboro indian_trail mooresville wake_forest monroe salisbury new_bern sanford matthews holly_springs ' +
  'thomasville cornelius garner asheboro statesville mint_hill kernersville morrisville lumberton kinston ' +
  'carrboro fuquay_varina havelock shelby clemmons lexington elizabeth_city clayton boone hope_mills ' +
  'knightdale morganton mebane reidsville siler_city smithfield dunn roanoke_rapids tarboro albemarle newton ' +
  'laurinburg eden pinehurst southern_pines clinton whiteville ahoskie plymouth williamston murphy sylva ' +
  'brevard marion hendersonville waynesville mount_airy elkin north_wilkesboro lincolnton belmont ' +
  'mount_holly zebulon wendell rolesville benson selma erwin lillington spring_lake raeford red_springs ' +
  'pembroke fairmont tabor_city shallotte southport leland burgaw swansboro morehead_city beaufort_town ' +
  'oxford louisburg warrenton roxboro yanceyville graham_town pittsboro troy carthage wadesboro rockwell';

const PLACES: readonly string[] = [
  ...COUNTIES.split(/\s+/).map((c) => `${c.replace(/_/g, ' ')} county`),
  ...TOWNS.split(/\s+/).map((t) => t.replace(/_(town)$/, '').replace(/_/g, ' ')),
];

const NAME_FIRST =
  'grace harbor hope cedar piedmont blue_ridge riverside unity beacon open_door new_day crossroads ' +
  'good_shepherd lighthouse maple oak pine magnolia dogwood sandhills coastal triangle mountain valley ' +
  'heritage family community neighbors esperanza nuevo_amanecer puentes casa manos_unidas sunrise ' +
  'bridgeway cornerstone haven meadow summit trinity carolina tar_heel longleaf cardinal';
const NAME_SECOND =
  'center alliance network project house ministries collective partners foundation outreach cooperative ' +
  'coalition hub services';

const NAMES_A = NAME_FIRST.split(/\s+/).map((w) => w.replace(/_/g, ' '));
const NAMES_B = NAME_SECOND.split(/\s+/);

const ATTRIBUTES: readonly Pair[] = [
  ['open saturday', 'abierto el sabado'],
  ['open late', 'abierto tarde'],
  ['walk in', 'sin cita'],
  ['bilingual staff', 'con personal bilingue'],
  ['for seniors', 'para personas mayores'],
  ['for kids', 'para niños'],
  ['for new arrivals', 'para recien llegados'],
  ['for veterans', 'para veteranos'],
  ['on the bus line', 'cerca de la parada del bus'],
  ['with parking', 'con estacionamiento'],
  ['by appointment', 'con cita previa'],
  ['in spanish', 'en español'],
];

interface Slots {
  readonly svc: string;
  readonly place: string;
  readonly name: string;
  readonly attr: string;
}

const EN_TEMPLATES: readonly ((s: Slots) => string)[] = [
  (s) => `where can i find ${s.svc} in ${s.place}`,
  (s) => `${s.svc} near ${s.place}`,
  (s) => `is there free ${s.svc} in ${s.place}`,
  (s) => `${s.name} ${s.svc} hours`,
  (s) => `how do i sign up for ${s.svc} at ${s.name}`,
  (s) => `does ${s.name} have ${s.svc} on weekends`,
  (s) => `${s.svc} ${s.place} ${s.attr}`,
  (s) => `who offers ${s.svc} in ${s.place}`,
  (s) => `${s.name} in ${s.place} address`,
  (s) => `what do i bring for ${s.svc} at ${s.name}`,
  (s) => `${s.attr} ${s.svc} close to ${s.place}`,
  (s) => `is ${s.name} in ${s.place} open today`,
  (s) => `${s.svc} for families in ${s.place}`,
  (s) => `need ${s.svc} ${s.place} area`,
];

const ES_TEMPLATES: readonly ((s: Slots) => string)[] = [
  (s) => `donde hay ${s.svc} en ${s.place}`,
  (s) => `${s.svc} cerca de ${s.place}`,
  (s) => `hay ${s.svc} gratis en ${s.place}`,
  (s) => `horario de ${s.svc} en ${s.name}`,
  (s) => `como me inscribo para ${s.svc} en ${s.name}`,
  (s) => `${s.name} tiene ${s.svc} los fines de semana`,
  (s) => `${s.svc} en ${s.place} ${s.attr}`,
  (s) => `quien ofrece ${s.svc} en ${s.place}`,
  (s) => `direccion de ${s.name} en ${s.place}`,
  (s) => `que llevo para ${s.svc} en ${s.name}`,
  (s) => `${s.svc} ${s.attr} cerca de ${s.place}`,
  (s) => `${s.name} en ${s.place} abre hoy`,
  (s) => `${s.svc} para familias en ${s.place}`,
  (s) => `busco ${s.svc} por ${s.place}`,
];

const QUESTIONS_PER_LANGUAGE = 8;
const slug = (s: string) => normalize(s).tokens.join('-');
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const titleCase = (s: string) => s.split(' ').map(capital).join(' ');

/**
 * `count` synthetic entries, the same ones for the same seed; the first n of a longer list are the
 * entries of a shorter one, so the bases nest. Every question is different from every other (the
 * knowledge check refuses a question in two entries; the vocabulary has no two words that differ only by
 * accents or case, so the generated text itself is the key).
 */
export function syntheticEntries(count: number, reviewed: string, seed = 20261128): Entry[] {
  const rand = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  // Every (service, place) pair at most once, in a shuffled order: a directory lists one provider of a
  // service per town, and questions that name only the service and the place stay unique.
  const pairs = SERVICES.flatMap((svc) => PLACES.map((place) => ({ svc, place, k: rand() }))).sort((a, b) => a.k - b.k);
  if (count > pairs.length) throw new Error(`at most ${pairs.length} synthetic entries`);
  const seenQuestions = new Set<string>();
  const out: Entry[] = [];
  const ask = (templates: readonly ((s: Slots) => string)[], s: Slots, locale: 'en' | 'es'): string[] | null => {
    const order = templates.map((t) => ({ t, k: rand() })).sort((a, b) => a.k - b.k);
    const questions = order.slice(0, QUESTIONS_PER_LANGUAGE).map(({ t }) => t(s));
    const keys = questions.map((q) => `${locale}:${q}`);
    return keys.some((k) => seenQuestions.has(k)) ? null : questions;
  };
  for (const { svc, place } of pairs) {
    if (out.length >= count) break;
    const [svcEn, svcEs] = svc;
    let found: { name: string; en: string[]; es: string[] } | null = null;
    // A provider name already used for this service elsewhere could repeat a question: try another.
    for (let attempt = 0; attempt < 20 && !found; attempt++) {
      const name = `${titleCase(pick(NAMES_A))} ${titleCase(pick(NAMES_B))}`;
      const [attrEn, attrEs] = pick(ATTRIBUTES);
      const lowerName = name.toLowerCase();
      const en = ask(EN_TEMPLATES, { svc: svcEn, place, name: lowerName, attr: attrEn }, 'en');
      const es = en && ask(ES_TEMPLATES, { svc: svcEs, place, name: lowerName, attr: attrEs }, 'es');
      if (en && es) found = { name, en, es };
    }
    if (!found) continue;
    const { name, en, es } = found;
    for (const q of en) seenQuestions.add(`en:${q}`);
    for (const q of es) seenQuestions.add(`es:${q}`);
    const id = `help.local-${slug(svcEn)}-${slug(place)}`;
    const Place = titleCase(place);
    out.push(
      entrySchema.parse({
        id,
        category: 'help',
        reviewed,
        sources: ['https://www.nc211.org/'],
        related: [],
        en: {
          title: `${capital(svcEn)} in ${Place} (${name})`,
          questions: en,
          keywords: [svcEn, place],
          answer:
            `${name} offers ${svcEn} in ${Place}, free for people with low income. Call ahead or stop by to ask ` +
            `about hours and what to bring. If someone is in danger, call 911. For anything about trafficking, ` +
            `the hotline can help: {{contact:nhth}}`,
        },
        es: {
          title: `${capital(svcEs)} en ${Place} (${name})`,
          questions: es,
          keywords: [svcEs, place],
          answer:
            `${name} ofrece ${svcEs} en ${Place}, gratis para personas de bajos ingresos. Llame antes o pase ` +
            `a preguntar por el horario y qué llevar. Si alguien está en peligro, llame al 911. Para cualquier ` +
            `tema de trata, la línea de ayuda le puede orientar: {{contact:nhth}}`,
        },
      }),
    );
  }
  return out;
}

/**
 * A knowledge folder on disk: a copy of the real one plus synthetic entries, one file each, as staff
 * would keep them (help/local-....yaml). Used to time a real start-up and weigh the process.
 */
export async function writeBase(dir: string, realDir: string, synthetic: readonly Entry[]): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await cp(realDir, dir, { recursive: true });
  const folder = path.join(dir, 'help');
  await mkdir(folder, { recursive: true });
  const chunk = 500;
  for (let i = 0; i < synthetic.length; i += chunk) {
    await Promise.all(
      synthetic.slice(i, i + chunk).map((e) =>
        writeFile(path.join(folder, `${e.id.slice('help.'.length)}.yaml`), stringify(e, { lineWidth: 0 })),
      ),
    );
  }
}
