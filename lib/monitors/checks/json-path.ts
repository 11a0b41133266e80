/**
 * The value at a small JSONPath subset (`$.data.status`, `items[0].name`): member names and
 * array indexes, which is what health endpoints need; anything fancier belongs in the endpoint.
 */
export function jsonPathValue(document: unknown, path: string): unknown {
  const steps = path.replace(/^\$/, '').match(/[A-Za-z_][A-Za-z0-9_-]*|\[\d+\]/g) ?? [];
  let node: unknown = document;
  for (const step of steps) {
    if (node === null || typeof node !== 'object') return undefined;
    if (step.startsWith('[')) {
      if (!Array.isArray(node)) return undefined;
      node = node[Number(step.slice(1, -1))];
    } else {
      if (!Object.prototype.hasOwnProperty.call(node, step)) return undefined;
      node = (node as Record<string, unknown>)[step];
    }
  }
  return node;
}
