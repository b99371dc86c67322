import { ProtocolError } from '@swarmdrop/protocol'

import { EXIT_FAILURE, EXIT_USAGE, USAGE, UsageError, parseCommandLine } from './args.ts'
import { runGet } from './get-command.ts'
import { createReporter } from './human-output.ts'
import type { Reporter } from './records.ts'
import { runSeed } from './seed-command.ts'

/**
 * Runs the CLI on `argv` and resolves with the exit code (SPEC CL-2): 0 done, 1 failure, 2 bad
 * usage or a bad link. Never throws: every failure is reported (stderr, or a JSON error line).
 */
export async function main(argv: readonly string[]): Promise<number> {
  let reporter: Reporter = createReporter(argv.includes('--json') ? 'json' : 'human')
  try {
    const command = parseCommandLine(argv, process.env)
    switch (command.kind) {
      case 'help':
        process.stdout.write(`${USAGE}\n`)
        return 0
      case 'version':
        process.stdout.write('swarmdrop 0.0.0\n')
        return 0
      case 'seed':
        reporter = createReporter(command.output)
        return await runSeed(command, reporter)
      case 'get':
        reporter = createReporter(command.output)
        return await runGet(command, reporter)
    }
  } catch (error) {
    if (error instanceof UsageError) {
      reporter.report({ type: 'error', code: 'ERR_USAGE', message: error.message })
      reporter.note(`\n${USAGE}`)
      return EXIT_USAGE
    }
    if (error instanceof ProtocolError && error.code === 'ERR_BAD_LINK') {
      reporter.report({ type: 'error', code: error.code, message: error.message })
      return EXIT_USAGE
    }
    reporter.report({ type: 'error', code: 'ERR_UNEXPECTED', message: String(error) })
    return EXIT_FAILURE
  } finally {
    reporter.close()
  }
}
