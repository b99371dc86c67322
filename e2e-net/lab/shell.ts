// Runs the lab's commands (ip, iptables, tc, coturn's tools) and keeps their output for errors.
import { execFile } from 'node:child_process'

/** What a finished command printed. */
export interface CommandResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** A command that failed, with everything it printed. */
export class LabCommandError extends Error {
  readonly code = 'ERR_LAB_COMMAND'
  readonly result: CommandResult

  constructor(argv: readonly string[], result: CommandResult) {
    super(
      `${argv.join(' ')} exited ${result.code}: ${result.stderr.trim() || result.stdout.trim()}`,
    )
    this.result = result
  }
}

/** Long enough for any one ip/iptables/tc call; a probe passes its own. */
const DEFAULT_COMMAND_TIMEOUT_MS = 20_000

/**
 * Runs a command to completion and resolves with its exit code and output, whatever the code.
 * @param timeoutMs kills the command after this long (it then counts as failed)
 */
export function tryRun(
  command: string,
  args: readonly string[],
  timeoutMs = DEFAULT_COMMAND_TIMEOUT_MS,
): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      [...args],
      { timeout: timeoutMs, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1
        resolve({ code, stdout, stderr })
      },
    )
  })
}

/** Runs a command and throws a LabCommandError unless it exits 0. */
export async function run(
  command: string,
  args: readonly string[],
  timeoutMs = DEFAULT_COMMAND_TIMEOUT_MS,
): Promise<CommandResult> {
  const result = await tryRun(command, args, timeoutMs)
  if (result.code !== 0) {
    throw new LabCommandError([command, ...args], result)
  }
  return result
}

/** `ip netns exec <ns> <command> <args>`: runs a command inside a namespace. */
export function runIn(
  ns: string,
  command: string,
  args: readonly string[],
  timeoutMs = DEFAULT_COMMAND_TIMEOUT_MS,
): Promise<CommandResult> {
  return run('ip', ['netns', 'exec', ns, command, ...args], timeoutMs)
}

/** `ip netns exec <ns> …` that resolves whatever the exit code. */
export function tryRunIn(
  ns: string,
  command: string,
  args: readonly string[],
  timeoutMs = DEFAULT_COMMAND_TIMEOUT_MS,
): Promise<CommandResult> {
  return tryRun('ip', ['netns', 'exec', ns, command, ...args], timeoutMs)
}
