export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __continuumStop?: () => Promise<void> }).__continuumStop?.();
}
