/**
 * The methods a concrete path answers among `routes` (`:param` segments match one segment), so a
 * server can tell a wrong method (405 with Allow) from an unknown path (404).
 */
export function allowedMethods(
  path: string,
  routes: readonly { method: string; path: string }[],
): string[] {
  const segments = path.split('?')[0]?.split('/') ?? [];
  const methods = new Set<string>();
  for (const r of routes) {
    const want = r.path.split('/');
    if (want.length !== segments.length) continue;
    if (want.every((w, i) => w.startsWith(':') || w === segments[i])) methods.add(r.method);
  }
  return [...methods].sort();
}
