// `npm run build`: the Chrome and Firefox extensions from the same sources, and the CLI bundled
// into dist/cli (scripts/build-cli.mjs) and linked into node_modules/.bin. vite.config.ts picks
// the browser (and its manifest) from the env; with PROVENANCE_LENS_TRUST_OVERLAY set, both
// builds go to their `-e2e` folders instead (the CLI bundle never carries an overlay).
import { bin, run } from './run-step.mjs';

const steps = [
  ['vite build (dist/chrome)', bin('vite'), ['build', '--logLevel', 'warn'], { PROVENANCE_LENS_BROWSER: 'chrome' }],
  ['vite build (dist/firefox)', bin('vite'), ['build', '--logLevel', 'warn'], { PROVENANCE_LENS_BROWSER: 'firefox' }],
  ['CLI bundle (dist/cli)', process.execPath, [new URL('./build-cli.mjs', import.meta.url).pathname], {}],
  ['link CLI', process.execPath, [new URL('./link-bin.mjs', import.meta.url).pathname], {}],
];

for (const [name, command, args, env] of steps) {
  console.log(`\n== ${name}`);
  const code = await run(command, args, { env: { ...process.env, ...env } });
  if (code !== 0) {
    console.error(`build step failed: ${name} (exit ${code})`);
    process.exit(code);
  }
}
