// Audience import end to end: 100,000 rows of an Excel-in-Spanish CSV (Windows-1252, semicolons,
// quoted names, CRLF) read (parseFile), checked (checkAudience: every number normalised,
// duplicates, suppression list, account spread) and created (create: the campaign and all its
// recipients written to a SQLite file), with progress for each step. Baseline in the same run:
// papaparse alone on the same text plus libphonenumber-js on every number.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import Papa from 'papaparse';
import { decodeCsv } from '../electron/core/campaigns/audience-file';
import { openDatabase } from '../electron/core/db/open-database';
import { toOrm } from '../electron/core/db/orm';
import { allDayWindow, campaignRig, fastPacing } from '../electron/core/testing/campaign-harness';
import { seededRandom } from '../electron/core/testing/seeded-random';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const random = seededRandom(20_261_123);
const lines = ['Nombre;Teléfono;Ciudad;Última compra'];
for (let i = 0; i < ROWS; i += 1) {
  const phone = random() < 0.5 ? `55 ${String(10_000_000 + Math.floor(random() * 89_999_999)).replace(/(\d{4})(\d{4})/, '$1 $2')}` : `+52 33 ${String(10_000_000 + i)}`;
  lines.push(`"Peña, José ${i}";${phone};Mérida;2024-0${1 + (i % 9)}-1${i % 10}`);
}
const bytes = new Uint8Array(Buffer.from(lines.join('\r\n'), 'latin1'));
const dataBase64 = Buffer.from(bytes).toString('base64');

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/** What the same work costs with the two libraries alone: parse, then normalise each number. */
function baseline(): number {
  const records = Papa.parse<string[]>(decodeCsv(bytes).text, { delimiter: ';', skipEmptyLines: 'greedy' }).data;
  let valid = 0;
  for (let i = 1; i < records.length; i += 1) if (parsePhoneNumberFromString(records[i]![1]!, 'MX')?.isPossible()) valid += 1;
  return valid;
}

const dir = mkdtempSync(join(tmpdir(), 'mostrador-bench-import-'));
const db = openDatabase(join(dir, 'import.sqlite'));
const rig = campaignRig(db, toOrm(db), { accounts: ['a1', 'a2', 'a3'] });
let progressEvents = 0;
const emit = rig.bus.emit.bind(rig.bus);
rig.bus.emit = ((topic: string, item: unknown) => {
  if (topic === 'campaigns.import') progressEvents += 1;
  emit(topic as 'campaigns.import', item as never);
}) as typeof rig.bus.emit;

// Warm-up so both paths run JIT-compiled code.
baseline();
await rig.service.parseFile({ draftId: 'warm-up-draft', fileName: 'warm.csv', dataBase64: Buffer.from(bytes.subarray(0, 200_000)).toString('base64') });
await rig.service.checkAudience({ audience: { kind: 'file', draftId: 'warm-up-draft', phoneColumns: [1], variables: [] }, accountIds: ['a1'] });

let start = process.hrtime.bigint();
const baselineValid = baseline();
const baselineSec = seconds(start);

const audience = { kind: 'file' as const, draftId: 'bench-import', phoneColumns: [1], variables: [{ column: 0, name: 'nombre' }, { column: 2, name: 'ciudad' }] };
start = process.hrtime.bigint();
await rig.service.parseFile({ draftId: 'bench-import', fileName: 'clientes.csv', dataBase64 });
const readSec = seconds(start);
start = process.hrtime.bigint();
const check = await rig.service.checkAudience({ audience, accountIds: ['a1', 'a2', 'a3'] });
const checkSec = seconds(start);
start = process.hrtime.bigint();
const campaign = await rig.service.create({ name: 'Bench', audience, template: 'Hola {{nombre}}', accountIds: ['a1', 'a2', 'a3'], pacing: fastPacing(), window: allDayWindow });
const createSec = seconds(start);
rig.service.stop();
rig.runner.stop?.();
db.close();
rmSync(dir, { recursive: true, force: true });
const totalSec = readSec + checkSec + createSec;

console.log(
  JSON.stringify({
    bench: 'campaign-import',
    rows: ROWS,
    bytes: bytes.length,
    readCheckCreateSec: Number(totalSec.toFixed(3)),
    goalSec: 2,
    readSec: Number(readSec.toFixed(3)),
    checkSec: Number(checkSec.toFixed(3)),
    createSec: Number(createSec.toFixed(3)),
    rowsPerSec: Math.round(ROWS / totalSec),
    baselinePapaparsePlusLibphonenumberSec: Number(baselineSec.toFixed(3)),
    ratioToBaseline: Number((totalSec / baselineSec).toFixed(2)),
    progressEvents,
    valid: check.valid,
    baselineValid,
    recipients: campaign.counts.total,
  }),
);
