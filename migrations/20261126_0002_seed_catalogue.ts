import { type Kysely, sql } from 'kysely';

// The starting catalogue of a Danish municipality: four departments, ten topics and a
// first published routing table. Coordinators change the routing afterwards through the
// API; this migration only fills an empty database and never touches existing rows.

const departments = [
  ['jobcenter', 'Jobcenter', 'Job centre'],
  ['business-service', 'Erhvervsservice', 'Business service'],
  ['social', 'Social- og sundhedsforvaltningen', 'Social services'],
  ['technical', 'Teknik og Miljø', 'Technical and environmental services'],
] as const;

// [code, name da, name en, description da, description en, response working days]
const topics = [
  ['hiring', 'Ansættelse og løntilskud', 'Hiring and wage subsidy',
    'Ansæt en medarbejder, fx i løntilskud, virksomhedspraktik eller som lærling.',
    'Hire an employee, for example with a wage subsidy, as a work placement or as an apprentice.', 5],
  ['flex-jobs', 'Fleksjob og skånejob', 'Flex jobs and sheltered jobs',
    'Ansæt en medarbejder med nedsat arbejdsevne i fleksjob eller skånejob.',
    'Employ someone with reduced working capacity in a flex job or sheltered job.', 5],
  ['business-development', 'Forretningsudvikling', 'Business development',
    'Sparring om forretningsmodel, vækst, markeder og samarbejde med andre virksomheder.',
    'Advice on your business model, growth, markets and working with other businesses.', 10],
  ['startup-funding', 'Opstart og finansiering', 'Start-up and funding',
    'Start en socialøkonomisk virksomhed, vælg virksomhedsform og find fonde og finansiering.',
    'Start a social enterprise, choose a legal form and find foundations and funding.', 10],
  ['public-procurement', 'Offentlige indkøb og sociale klausuler', 'Public procurement and social clauses',
    'Byd på kommunens opgaver, og hør om sociale klausuler i udbud.',
    'Bid for the municipality\'s contracts and learn about social clauses in tenders.', 10],
  ['premises-permits', 'Lokaler og tilladelser', 'Premises and permits',
    'Lokaler, byggetilladelser, skilte, udeservering og andre tilladelser.',
    'Premises, building permits, signs, outdoor seating and other permits.', 15],
  ['environment-waste', 'Miljø og affald', 'Environment and waste',
    'Miljøgodkendelser, erhvervsaffald, genbrug og cirkulær økonomi.',
    'Environmental approvals, commercial waste, reuse and the circular economy.', 10],
  ['social-services', 'Sociale indsatser og sammenhængende forløb', 'Social services and coherent courses',
    'Støtte til medarbejdere i en udsat position og forløb på tværs af social, beskæftigelse og virksomhed.',
    'Support for vulnerable employees and courses that join up social services, employment and your enterprise.', 10],
  ['partnerships-volunteers', 'Partnerskaber og frivillige', 'Partnerships and volunteers',
    'Samarbejde med kommunen, foreninger og frivillige om jeres sociale formål.',
    'Partnerships with the municipality, associations and volunteers around your social purpose.', 10],
  ['other', 'Andet', 'Other',
    'Noget helt andet? Beskriv det, så finder vi den rette afdeling.',
    'Something else? Describe it and we will find the right department.', 10],
] as const;

const rule = (
  id: string,
  name: string,
  when: Record<string, unknown>,
  department: string,
  role: 'lead' | 'involve',
) => ({ id, name, when, then: { department, role } });

// Order matters: the first matching lead rule leads; every other match is involved.
// Employment questions lead first because hiring is where most enterprises start, and
// the jobcenter and business service advise best together.
const rules = [
  rule('jobcenter-employment', 'Ansættelse og fleksjob går til jobcentret',
    { topics: { anyOf: ['hiring', 'flex-jobs'] } }, 'jobcenter', 'lead'),
  rule('social-courses', 'Sociale indsatser går til socialforvaltningen',
    { topics: { anyOf: ['social-services'] } }, 'social', 'lead'),
  rule('business-development', 'Udvikling, opstart, udbud og partnerskaber går til erhvervsservice',
    { topics: { anyOf: ['business-development', 'startup-funding', 'public-procurement', 'partnerships-volunteers'] } },
    'business-service', 'lead'),
  rule('technical-premises', 'Lokaler, tilladelser, miljø og affald går til Teknik og Miljø',
    { topics: { anyOf: ['premises-permits', 'environment-waste'] } }, 'technical', 'lead'),
  rule('keywords-employment', 'Nævner løntilskud eller fleksjob: inddrag jobcentret',
    { keywords: { anyOf: ['løntilskud', 'fleksjob', 'virksomhedspraktik', 'skånejob', 'ansætte'] } }, 'jobcenter', 'involve'),
  rule('keywords-social', 'Nævner udsatte medarbejdere: inddrag socialforvaltningen',
    { keywords: { anyOf: ['udsat', 'misbrug', 'psykisk', 'bostøtte', 'mentor'] } }, 'social', 'involve'),
  rule('keywords-technical', 'Nævner lokaler eller tilladelser: inddrag Teknik og Miljø',
    { keywords: { anyOf: ['byggetilladelse', 'lokale', 'affald', 'miljøgodkendelse', 'udeservering'] } }, 'technical', 'involve'),
  rule('volunteers-social', 'Frivillige: inddrag socialforvaltningen',
    { topics: { anyOf: ['partnerships-volunteers'] } }, 'social', 'involve'),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [code, nameDa, nameEn] of departments) {
    await sql`INSERT INTO departments (code, name_da, name_en) VALUES (${code}, ${nameDa}, ${nameEn})
              ON CONFLICT (code) DO NOTHING`.execute(db);
  }
  let order = 0;
  for (const [code, nameDa, nameEn, descDa, descEn, days] of topics) {
    order += 10;
    await sql`INSERT INTO topics (code, name_da, name_en, description_da, description_en, response_days, sort_order)
              VALUES (${code}, ${nameDa}, ${nameEn}, ${descDa}, ${descEn}, ${days}, ${order})
              ON CONFLICT (code) DO NOTHING`.execute(db);
  }
  await sql`INSERT INTO routing_tables (version, status, fallback_department, rules, note, published_at)
            SELECT 1, 'published', 'business-service', ${JSON.stringify(rules)}::jsonb, 'Seeded starting table', now()
            WHERE NOT EXISTS (SELECT 1 FROM routing_tables)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM routing_tables WHERE version = 1 AND NOT EXISTS (SELECT 1 FROM cases WHERE routing_version = 1)`.execute(db);
}
