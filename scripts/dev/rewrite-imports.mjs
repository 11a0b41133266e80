#!/usr/bin/env node
// Rewrites import specifiers after files were moved (scripts/dev/layer-moves.json maps old → new,
// paths from the repo root without extension). Idempotent: a specifier that still resolves is kept.
// Usage: node scripts/dev/rewrite-imports.mjs [moves.json]
import fs from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const movesFile = process.argv[2] ?? path.join(path.dirname(new URL(import.meta.url).pathname), 'layer-moves.json');
const moves = JSON.parse(fs.readFileSync(movesFile, 'utf8'));
const inverse = Object.fromEntries(Object.entries(moves).map(([o, n]) => [n, o]));
const exts = ['.ts', '.tsx', '.mjs', '.js', '.json', '/index.ts', '/index.tsx'];
const skip = new Set(['node_modules', '.next', '.git', 'data', '.tmp', 'test-results', 'playwright-report']);

function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(e.name) || p0(dir, e.name) === 'scripts/dev') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(ts|tsx|mjs|js|cjs)$/.test(e.name)) out.push(p);
  }
  return out;
}
const p0 = (dir, name) => path.relative(root, path.join(dir, name));
const stripExt = (p) => p.replace(/\.(ts|tsx|mjs|js|cjs)$/, '');
function existing(noExt) {
  if (fs.existsSync(noExt) && fs.statSync(noExt).isFile()) return noExt;
  for (const e of exts) if (fs.existsSync(noExt + e)) return noExt + e;
  return null;
}
function target(spec, fromDir) {
  if (spec.startsWith('@/')) return path.join(root, spec.slice(2));
  if (spec.startsWith('.')) return path.resolve(fromDir, spec);
  return null;
}
function specFor(fromFile, targetAbs, original) {
  const ext = path.extname(original);
  const keepExt = ['.mjs', '.js', '.json', '.cjs'].includes(ext);
  let t = targetAbs;
  if (!keepExt) t = stripExt(t).replace(/\/index$/, '');
  else if (!path.extname(t)) t = t + ext;
  if (original.startsWith('@/')) return '@/' + path.relative(root, t);
  let rel = path.relative(path.dirname(fromFile), t);
  if (!rel.startsWith('.')) rel = './' + rel;
  return rel;
}

let changed = 0;
const pattern =
  /((?:from|import|require|mock|vi\.mock|import\.meta\.resolve)\s*\(?\s*)(['"])([^'"\n]+)\2|(new URL\(\s*)(['"])([^'"\n]+)\5/g;
for (const file of walk(root)) {
  const rel = stripExt(path.relative(root, file));
  const oldRel = inverse[rel] ?? rel;
  const src = fs.readFileSync(file, 'utf8');
  const out = src.replace(pattern, (m, pre, q, spec, urlPre, uq, uspec) => {
    const s = spec ?? uspec;
    const here = target(s, path.dirname(file));
    if (!here) return m;
    if (existing(here)) return m;
    const fromOld = target(s, path.join(root, path.dirname(oldRel)));
    for (const cand of [fromOld, here]) {
      const key = stripExt(path.relative(root, cand)).replace(/\/index$/, '');
      const mapped = moves[key];
      const found = mapped ? existing(path.join(root, mapped)) : existing(cand);
      if (found) {
        const ns = specFor(file, found, s);
        return spec ? `${pre}${q}${ns}${q}` : `${urlPre}${uq}${ns}${uq}`;
      }
    }
    return m;
  });
  const renamed = renameMoved(out);
  if (renamed !== src) {
    fs.writeFileSync(file, renamed);
    changed++;
  }
}
console.log(`rewrite-imports: ${changed} files changed`);

// Names that changed with the layer move: getPrimaryPage became the page context's resolvePage,
// and localized()/localizedOptional() moved from the page module to lib/i18n/localized.ts.
function renameMoved(text) {
  const out = text.replace(/import \{([^}]*)\} from '([^']*)pages\/context';/g, (m, names, base) => {
    const list = names
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean);
    const page = list.filter((n) => !n.startsWith('localized'));
    const loc = list.filter((n) => n.startsWith('localized'));
    const lines = [];
    if (page.length) lines.push(`import { ${page.join(', ')} } from '${base}pages/context';`);
    if (loc.length) lines.push(`import { ${loc.join(', ')} } from '${base.startsWith('@/') ? '@/lib/' : base}i18n/localized';`);
    return lines.join('\n');
  });
  const seeds = ['callCenterPolicy', 'marketingPolicy'];
  const split = out.replace(/import \{([^}]*)\} from '([^']*)policy';/g, (m, names, base) => {
    if (!base.endsWith('sla/') && base !== './') return m;
    const list = names
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean);
    const moved = list.filter((n) => seeds.includes(n));
    if (!moved.length) return m;
    const kept = list.filter((n) => !seeds.includes(n));
    const lines = kept.length ? [`import { ${kept.join(', ')} } from '${base}policy';`] : [];
    lines.push(`import { ${moved.join(', ')} } from '${base}templates';`);
    return lines.join('\n');
  });
  return split
    .replace(/\bgetPrimaryPage\b/g, 'resolvePage')
    .replace(
      /import \{ runMaintenanceTick \} from '([^']*)workers\/maintenance-scheduler';/g,
      "import { runMaintenanceTick } from '$1services/maintenances/tick';",
    );
}
