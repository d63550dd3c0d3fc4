/**
 * One instance per process, even when a module is loaded twice: server.ts imports
 * app code through tsx while the Remix build bundles its own copy of the same
 * modules. Both copies reach the instance through globalThis.
 */
const registry = ((globalThis as { __werkplaats?: Map<string, unknown> }).__werkplaats ??= new Map<string, unknown>());

export function singleton<T>(name: string, create: () => T): T {
  if (!registry.has(name)) registry.set(name, create());
  return registry.get(name) as T;
}

export function setSingleton<T>(name: string, value: T): T {
  registry.set(name, value);
  return value;
}

export function getSingleton<T>(name: string): T | undefined {
  return registry.get(name) as T | undefined;
}

export function clearSingleton(name: string): void {
  registry.delete(name);
}
