/**
 * Words people use for the same thing, as Reach's readers write them: a teacher says "kids", a lawyer
 * "minors", a worker "patrón", a caseworker "employer". The search lets a word of a message match the
 * other words of its group, a little below an exact match (see `synonymSimilarity`), so that an entry
 * worded one way still answers a question worded another. Groups hold words of one language or both
 * (Spanglish is how many people write); they are folded (no accents) and matched after stemming.
 * Pay words ("sueldo", "paycheck") are left out: they separate worker rights from a wage complaint, and
 * grouping them cost an answer without gaining one in the evaluation.
 * Keep each group to words that mean the same thing in every question Reach answers: not "tip" (a
 * report, or money from customers), not "numbers" or "datos" (statistics, or a phone
 * number and personal data).
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  // Children and teenagers.
  ['kid', 'kids', 'child', 'children', 'minor', 'minors', 'teen', 'teens', 'teenager', 'teenagers', 'youth', 'underage', 'juvenile'],
  // Not "chava", "morra" or "muchacha": they are said of young women too.
  ['nino', 'ninos', 'nina', 'ninas', 'menor', 'menores', 'adolescente', 'adolescentes', 'chamaco', 'chamaca', 'chamacos', 'chamacas'],
  // The person someone works for.
  ['boss', 'employer', 'supervisor', 'foreman', 'patron', 'patrona', 'jefe', 'jefa', 'mayordomo', 'encargado', 'empleador'],
  // Identity papers.
  ['papers', 'documents', 'passport', 'id', 'identification', 'papeles', 'documentos', 'pasaporte', 'identificacion', 'credencial'],
  // Getting into trouble with the law for what one was made to do.
  ['trouble', 'punished', 'punishment', 'arrested', 'charged', 'prosecuted', 'castigo', 'castigada', 'castigado', 'arrestada', 'arrestado', 'arrestar', 'acusada', 'acusado'],
  // Danger and emergencies.
  ['danger', 'dangerous', 'emergency', 'unsafe', 'peligro', 'peligrosa', 'peligroso', 'emergencia'],
  // Lawyers.
  ['lawyer', 'attorney', 'abogado', 'abogada', 'licenciado', 'licenciada', 'lic'],
  // A place to stay.
  ['shelter', 'refuge', 'housing', 'refugio', 'albergue', 'alojamiento', 'vivienda'],
  // Reporting.
  ['report', 'denunciar', 'denuncia', 'reportar', 'reporte', 'avisar', 'aviso'],
  // Anonymously.
  ['anonymous', 'anonymously', 'anonimo', 'anonima', 'anonimamente'],
  // Immigration enforcement.
  ['immigration', 'ice', 'migra', 'inmigracion'],
  // Social media and apps.
  ['online', 'internet', 'redes'],
  // Statistics.
  ['statistics', 'stats', 'estadisticas', 'cifras'],
];
