/**
 * Runs a team vault's tool: no shell (arguments are passed as they are, nothing is expanded), what
 * it needs on standard input only (a value never goes on a command line or in the environment, where
 * other processes can read it), a time limit after which its whole process group is killed, and its
 * output kept small.
 */
import { spawn } from 'node:child_process';
import { TokenDeskError } from '$contract/errors';

export interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  stdin: string;
  timeoutMs: number;
  env: NodeJS.ProcessEnv;
  /** Words for messages: "keepassxc-cli", "your command". */
  what: string;
}

const MAX_OUTPUT = 64 * 1024;

export function runTool(program: string, args: readonly string[], options: RunOptions): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      shell: false,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
      windowsHide: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    const keep = (into: Buffer[]) => (chunk: Buffer) => {
      if (size >= MAX_OUTPUT) return;
      size += chunk.length;
      into.push(chunk);
    };
    child.stdout.on('data', keep(out));
    child.stderr.on('data', keep(err));
    const timer = setTimeout(() => {
      killGroup(child.pid);
      reject(
        new TokenDeskError(
          'TIMEOUT',
          `${options.what} did not finish within ${Math.round(options.timeoutMs / 1000)} s and was stopped.`,
        ),
      );
    }, options.timeoutMs);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        new TokenDeskError(
          'TOOL_MISSING',
          error.code === 'ENOENT'
            ? `${options.what} is not installed, or not at “${program}”. Install it, or give its full path.`
            : `${options.what} could not be started (${error.code ?? 'error'}).`,
        ),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        code: code ?? -1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
    // A tool that exits before reading all of it closes the pipe: that is its answer, not ours.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin);
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** The tool's own last words, for a reason the person can act on (never the value: it is not echoed). */
export function toolSaid(run: ToolRun): string {
  const said = (run.stderr.trim() || run.stdout.trim()).replace(/Enter [^:\n]*(password|contents)[^:\n]*:\s*/gi, '');
  const lines = said.split('\n').filter(Boolean);
  // From the first line that says what went wrong (gpg names the missing key before its summary).
  const first = lines.findIndex((l) => /error|fail|skipped|denied|refused|fatal|invalid|cannot|could not/i.test(l));
  const text = (first >= 0 ? lines.slice(first, first + 3) : lines.slice(-3)).map((l) => l.trim()).join(' ');
  return text.length > 300 ? `${text.slice(0, 300)}…` : text || `it exited with code ${run.code}`;
}
