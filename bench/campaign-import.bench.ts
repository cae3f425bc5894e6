// Audience import: 100,000 rows of an Excel-in-Spanish CSV (Windows-1252, semicolons, quoted names)
// read in chunks with progress and every number normalised (libphonenumber-js, duplicates,
// suppression list, account spread). Baseline in the same run: papaparse alone on the same text.
import Papa from 'papaparse';
import { buildAudience } from '../electron/core/campaigns/audience';
import { decodeCsv, parseAudienceFile } from '../electron/core/campaigns/audience-file';
import { seededRandom } from '../electron/core/testing/seeded-random';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const random = seededRandom(20_261_123);
const lines = ['Nombre;Teléfono;Ciudad;Última compra'];
for (let i = 0; i < ROWS; i += 1) {
  const phone = random() < 0.5 ? `55 ${String(10_000_000 + Math.floor(random() * 89_999_999)).replace(/(\d{4})(\d{4})/, '$1 $2')}` : `+52 33 ${String(10_000_000 + i)}`;
  lines.push(`"Peña, José ${i}";${phone};Mérida;2024-0${1 + (i % 9)}-1${i % 10}`);
}
const bytes = new Uint8Array(Buffer.from(lines.join('\r\n'), 'latin1'));

const time = async (work: () => Promise<unknown> | unknown) => {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e9;
};

// Warm-up so both paths run JIT-compiled code.
Papa.parse(decodeCsv(bytes.subarray(0, 200_000)).text, { delimiter: ';' });
await parseAudienceFile(bytes.subarray(0, 200_000), 'warm.csv');

const baselineSec = await time(() => Papa.parse<string[]>(decodeCsv(bytes).text, { delimiter: ';', skipEmptyLines: 'greedy' }));
let progressEvents = 0;
let valid = 0;
let problems = 0;
let normaliseSec = 0;
const parseSec = await time(async () => {
  const file = await parseAudienceFile(bytes, 'clientes.csv', () => (progressEvents += 1));
  const normaliseStart = process.hrtime.bigint();
  const built = buildAudience(
    file.rows.map((row, i) => ({ line: i + 2, raw: row[1]!, name: row[0]!, variables: { nombre: row[0]!, ciudad: row[2]! } })),
    { accountIds: ['a1', 'a2', 'a3'], defaultCountry: 'MX', suppressed: new Set(['525512345678']), knownBy: new Map() },
  );
  normaliseSec = Number(process.hrtime.bigint() - normaliseStart) / 1e9;
  valid = built.valid.length;
  problems = built.problems.length;
});

console.log(
  JSON.stringify({
    bench: 'campaign-import',
    rows: ROWS,
    bytes: bytes.length,
    importAndNormaliseRowsPerSec: Math.round(ROWS / parseSec),
    readOnlyRowsPerSec: Math.round(ROWS / (parseSec - normaliseSec)),
    normaliseRowsPerSec: Math.round(ROWS / normaliseSec),
    baselinePapaparseRowsPerSec: Math.round(ROWS / baselineSec),
    ratioToBaseline: Number((baselineSec / parseSec).toFixed(3)),
    progressEvents,
    valid,
    problems,
  }),
);
