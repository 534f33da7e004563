// `npm run build`: the Chrome and Firefox extensions, and the CLI linked into node_modules/.bin.
import { bin, run } from './run-step.mjs';

const steps = [
  ['vite build (dist/chrome)', bin('vite'), ['build', '--logLevel', 'warn']],
  ['link CLI', process.execPath, [new URL('./link-bin.mjs', import.meta.url).pathname]],
];

for (const [name, command, args] of steps) {
  console.log(`\n== ${name}`);
  const code = await run(command, args);
  if (code !== 0) {
    console.error(`build step failed: ${name} (exit ${code})`);
    process.exit(code);
  }
}
