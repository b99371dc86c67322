// Type-checks each workspace against its own tsconfig, so the pure packages really are checked
// with only the ES lib (no DOM, no Node: see docs/adr/0001-layering.md), then every test file.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'

const projects = ['packages', 'apps']
  .flatMap((dir) => readdirSync(dir).map((name) => `${dir}/${name}/tsconfig.json`))
  .filter((path) => existsSync(path))
  .concat('tsconfig.tests.json')

let failed = 0
for (const project of projects) {
  try {
    execFileSync('npx', ['tsc', '--noEmit', '-p', project], { stdio: 'inherit' })
    console.log(`typecheck ok: ${project}`)
  } catch {
    failed += 1
    console.error(`typecheck FAILED: ${project}`)
  }
}
process.exit(failed === 0 ? 0 : 1)
