// Checks the README's first command the way a newcomer meets it: `npm start` with no
// DATABASE_URL, in this checkout, serves the form, takes an inquiry, writes its receipt
// mail to DATA_DIR/mail, and stops cleanly on Ctrl-C. CI runs it from a fresh clone in a
// directory only root can enter. With `--production` it checks the compiled build the same
// way (`npm run build` first; it starts with `npm run start:production`, `node dist/server.js`).
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

const port = await new Promise((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
});
const dataDir = path.resolve(`.data-quick-start-${process.pid}`);
const base = `http://127.0.0.1:${port}`;
const command = process.argv.includes('--production') ? ['run', 'start:production'] : ['start'];
const label = `npm ${command.join(' ')}`;
const child = spawn('npm', command, { env: { ...process.env, PORT: String(port), DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
let output = '';
child.stdout.on('data', (chunk) => (output += chunk));
child.stderr.on('data', (chunk) => (output += chunk));
const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));

function fail(message) {
  process.stderr.write(`quick start check failed: ${message}\n--- service output ---\n${output}\n`);
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
  cleanUp();
  process.exit(1);
}

function cleanUp() {
  const link = path.join(dataDir, 'postgres');
  // As root in a private directory the cluster lives elsewhere, linked from DATA_DIR.
  if (existsSync(link) && lstatSync(link).isSymbolicLink()) rmSync(path.dirname(realpathSync(link)), { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
}

const deadline = Date.now() + 120_000;
for (;;) {
  if (child.exitCode !== null) fail(`${label} exited with ${child.exitCode}`);
  if (Date.now() > deadline) fail('not ready within 120 s');
  const ready = await fetch(`${base}/readyz`).then((res) => res.ok, () => false);
  if (ready) break;
  await new Promise((resolve) => setTimeout(resolve, 250));
}

const form = await fetch(`${base}/`);
if (form.status !== 200 || !(await form.text()).includes('<form')) fail(`GET / answered ${form.status}`);
const submitted = await fetch(`${base}/v1/inquiries`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    enterprise: { cvr: '13748136', name: 'Café Overskud ApS', postcode: '6000', employees: 12, registeredSocialEnterprise: true },
    contact: { name: 'Mette Hansen', email: 'mette@example.dk', phone: '12345678' },
    topics: ['hiring'],
    subject: 'To nye medarbejdere',
    description: 'Vi vil gerne ansætte to personer i løntilskud.',
    language: 'da',
    consent: true,
  }),
});
if (submitted.status !== 201) fail(`POST /v1/inquiries answered ${submitted.status}`);
const { reference } = await submitted.json();

// Without SMTP_URL the receipt mail is written to DATA_DIR/mail by the job queue, soon after.
const mailDir = path.join(dataDir, 'mail');
const mailBy = Date.now() + 60_000;
let receipt;
while (!receipt) {
  if (Date.now() > mailBy) fail(`no receipt mail for ${reference} in ${mailDir} within 60 s`);
  const files = existsSync(mailDir) ? readdirSync(mailDir).filter((name) => name.endsWith('.eml')) : [];
  receipt = files.map((name) => readFileSync(path.join(mailDir, name), 'utf8')).find((mail) => mail.includes(reference));
  if (!receipt) await new Promise((resolve) => setTimeout(resolve, 250));
}
if (!/Content-Language: da/i.test(receipt)) fail('the receipt mail is not in Danish');
if (!/First admin created/.test(output)) fail('no first admin token was printed');

// Ctrl-C in a terminal signals the whole foreground process group: npm, the service and
// its PostgreSQL. npm then ends by the same signal; the service has stopped cleanly once
// it logged its shutdown and its embedded PostgreSQL has exited (postmaster.pid is gone).
process.kill(-child.pid, 'SIGINT');
const ended = await exited;
if (ended !== 0 && ended !== 'SIGINT') fail(`${label} ended with ${ended} after Ctrl-C`);
const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
const stopBy = Date.now() + 30_000;
while (existsSync(pidFile)) {
  if (Date.now() > stopBy) fail('the embedded PostgreSQL still runs 30 s after Ctrl-C');
  await new Promise((resolve) => setTimeout(resolve, 100));
}
if (!output.includes('"msg":"shutting down"')) fail('the service did not log its shutdown');
cleanUp();
process.stdout.write(`quick start check passed: ${label} served the form, took an inquiry and wrote its receipt mail on port ${port}, then stopped cleanly on Ctrl-C\n`);
