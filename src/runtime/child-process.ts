import type { ChildProcess } from 'node:child_process';

/** Sends SIGTERM and resolves once the child has exited (at once if it already has). */
export function stopChildProcess(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
