import { performance } from 'node:perf_hooks';
import { compileRoutingTable } from '../src/domain/routing-compiled.js';
import { type RoutingInput, type RoutingRule, type RoutingTableDefinition, route } from '../src/domain/routing.js';

// `npm run bench:routing`: decisions per second of the compiled routing table at 10, 100
// and 1,000 rules on realistic inquiries, side by side with the reference `route()` as a
// baseline measured in the same run. Tables and inquiries come from a seeded generator, so
// every run decides the same inquiries against the same tables.

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = seededRandom(20261126);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const some = <T>(items: readonly T[], min: number, max: number): T[] => {
  const count = min + Math.floor(random() * (max - min + 1));
  return [...new Set(Array.from({ length: count }, () => pick(items)))];
};

const topics = ['hiring', 'flex-jobs', 'business-development', 'startup-funding', 'public-procurement', 'premises-permits',
  'environment-waste', 'social-services', 'partnerships-volunteers', 'other'];
const departments = ['jobcenter', 'business-service', 'social', 'technical'];
// Danish compound nouns are how specific matters are named, so the keywords a large
// table needs are compounds of everyday stems.
const stems = ['løn', 'fleks', 'job', 'byg', 'miljø', 'affald', 'social', 'frivillig', 'praktik', 'lærling', 'mentor', 'udbud',
  'fond', 'opstart', 'lokale', 'skilt', 'støj', 'kantine', 'café', 'genbrug', 'tekstil', 'cykel', 'have', 'rengøring',
  'catering', 'værksted', 'butik', 'transport', 'regnskab', 'bolig'];
const endings = ['tilskud', 'ordning', 'aftale', 'tilladelse', 'plan', 'forløb', 'støtte', 'klausul', 'kontrakt', 'samarbejde',
  'ansøgning', 'godkendelse', 'rådgivning', 'netværk', 'projekt'];
const compounds = stems.flatMap((stem) => endings.map((ending) => `${stem}${ending}`));
const fillers = ['vi', 'er', 'en', 'lille', 'virksomhed', 'med', 'medarbejdere', 'og', 'vil', 'gerne', 'have', 'hjælp', 'til',
  'at', 'komme', 'videre', 'i', 'kommunen', 'næste', 'år', 'vores', 'kunder', 'har', 'spurgt', 'om', 'det', 'kan', 'lade', 'sig',
  'gøre', 'hvordan', 'gør', 'vi', 'det', 'bedst', 'på', 'kort', 'sigt'];

const seedRules: RoutingRule[] = [
  { id: 'jobcenter-employment', name: 'Ansættelse', when: { topics: { anyOf: ['hiring', 'flex-jobs'] } }, then: { department: 'jobcenter', role: 'lead' } },
  { id: 'social-courses', name: 'Sociale indsatser', when: { topics: { anyOf: ['social-services'] } }, then: { department: 'social', role: 'lead' } },
  { id: 'business', name: 'Udvikling', when: { topics: { anyOf: ['business-development', 'startup-funding', 'public-procurement'] } }, then: { department: 'business-service', role: 'lead' } },
  { id: 'technical', name: 'Lokaler', when: { topics: { anyOf: ['premises-permits', 'environment-waste'] } }, then: { department: 'technical', role: 'lead' } },
  { id: 'kw-employment', name: 'Løntilskud', when: { keywords: { anyOf: ['løntilskud', 'fleksjob', 'virksomhedspraktik'] } }, then: { department: 'jobcenter', role: 'involve' } },
  { id: 'kw-social', name: 'Udsatte', when: { keywords: { anyOf: ['udsat', 'misbrug', 'mentor'] } }, then: { department: 'social', role: 'involve' } },
];

/** A district: a postcode range, as a municipality that spans several towns would split its rules. */
function district(): { from: string; to: string } {
  const start = 1000 + Math.floor(random() * 88) * 100;
  return { from: String(start), to: String(start + 49 + Math.floor(random() * 50)) };
}

function generatedRule(index: number): RoutingRule {
  const kind = random();
  const then = { department: pick(departments), role: random() < 0.3 ? ('lead' as const) : ('involve' as const) };
  const id = `rule-${index}`;
  if (kind < 0.5) return { id, name: `Nøgleord ${index}`, when: { keywords: { anyOf: some(compounds, 1, 3) }, ...(random() < 0.3 ? { topics: { anyOf: some(topics, 1, 3) } } : {}) }, then };
  if (kind < 0.92) return { id, name: `Område ${index}`, when: { topics: { anyOf: some(topics, 1, 2) }, postcodes: [district()] }, then };
  const min = Math.floor(random() * 50);
  return {
    id,
    name: `Størrelse ${index}`,
    when: { topics: { anyOf: some(topics, 1, 3) }, employees: { min, max: min + 5 + Math.floor(random() * 100) }, ...(random() < 0.5 ? { registeredSocialEnterprise: random() < 0.7 } : {}) },
    then,
  };
}

function table(size: number): RoutingTableDefinition {
  const rules = [...seedRules.slice(0, Math.min(size, seedRules.length))];
  while (rules.length < size) rules.push(generatedRule(rules.length));
  return { version: size, fallbackDepartment: 'business-service', rules };
}

function sentence(): string {
  const words = Array.from({ length: 8 + Math.floor(random() * 10) }, () => (random() < 0.08 ? pick(compounds) : pick(fillers)));
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function inquiry(): RoutingInput {
  return {
    topics: some(topics, 1, 3),
    subject: sentence().slice(0, 80),
    description: Array.from({ length: 2 + Math.floor(random() * 4) }, sentence).join(' '),
    employees: random() < 0.9 ? 1 + Math.floor(random() * 80) : null,
    postcode: random() < 0.95 ? String(1000 + Math.floor(random() * 8990)) : null,
    registeredSocialEnterprise: random() < 0.8 ? random() < 0.5 : null,
  };
}

const inquiries = Array.from({ length: 1000 }, inquiry);

/** Median decisions per second over several timed rounds: the median resists a noisy neighbour. */
function measure(decideOne: (input: RoutingInput) => unknown, roundMs = 250, rounds = 7): number {
  const rates: number[] = [];
  let sink = 0;
  for (let round = -1; round < rounds; round++) {
    let done = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < roundMs) {
      for (let i = 0; i < 200; i++) {
        if (decideOne(inquiries[(done + i) % inquiries.length] as RoutingInput)) sink++;
      }
      done += 200;
      elapsed = performance.now() - start;
    }
    if (round >= 0) rates.push((done / elapsed) * 1000); // round -1 only warms up the JIT
  }
  if (sink < 0) process.stdout.write('');
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)] as number;
}

const format = (n: number) => Math.round(n).toLocaleString('en-GB').padStart(12);

const sizes = [10, 100, 1000];
const tables = sizes.map((size) => {
  const definition = table(size);
  return { size, definition, compiled: compileRoutingTable(definition) };
});
// One untimed pass over every table first, so the first size measured is not the one
// that pays for the JIT compiling the engine.
for (const { compiled, definition } of tables) {
  measure((input) => compiled.route(input), 100, 1);
  measure((input) => route(definition, input), 100, 1);
}
const results = tables.map(({ size, definition, compiled }) => {
  for (const input of inquiries) {
    if (JSON.stringify(compiled.route(input)) !== JSON.stringify(route(definition, input))) {
      throw new Error(`compiled and reference disagree at ${size} rules`);
    }
  }
  const averageMatched = inquiries.reduce((sum, input) => sum + compiled.route(input).matchedRuleIds.length, 0) / inquiries.length;
  return {
    size,
    averageMatched,
    compiled: measure((input) => compiled.route(input)),
    reference: measure((input) => route(definition, input)),
  };
});

const averageText = inquiries.reduce((sum, i) => sum + i.subject.length + i.description.length, 0) / inquiries.length;
process.stdout.write(
  `Routing decisions per second on one core (${inquiries.length} generated inquiries, ${Math.round(averageText)} characters of text on average)\n\n`,
);
process.stdout.write(`${'rules'.padStart(6)} ${'compiled'.padStart(12)} ${'reference'.padStart(12)}  speed-up  matched rules per inquiry\n`);
for (const r of results) {
  process.stdout.write(`${String(r.size).padStart(6)} ${format(r.compiled)} ${format(r.reference)}  ${(r.compiled / r.reference).toFixed(1).padStart(7)}×  ${r.averageMatched.toFixed(1)}\n`);
}
const first = results[0] as (typeof results)[number];
const last = results[results.length - 1] as (typeof results)[number];
const compiledRatio = first.compiled / last.compiled;
const referenceRatio = first.reference / last.reference;
process.stdout.write(`\ncost(1000)/cost(10): compiled ${compiledRatio.toFixed(2)} (goal ≤ 5), reference ${referenceRatio.toFixed(2)}\n`);
process.stdout.write(`compiled at 1,000 rules: ${format(last.compiled).trim()} decisions/s (goal ≥ 100,000)\n`);
