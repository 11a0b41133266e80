// The layers of ARCHITECTURE.md, enforced by `npm run lint`. Each layer may import its own and
// any lower layer, never a higher one. Tests (*.test.ts) may reach anywhere below app/.
const core = '^(lib/(domain|i18n|status|sla|branding)/|lib/(env|errors)\\.ts$)';
const data = '^(db/|lib/db\\.ts$|lib/(pages|events|evidence|security|notices|channels|monitors|maintenance)/)';
const services = '^lib/services/';
const drivers = '^(lib/(notify|workers|runtime|metrics|public|live)/|emails/)';
const edge = '^lib/(auth|actions|api)/';
const top = '^(app|scripts|bench)/';
const tests = '\\.test\\.tsx?$';

const above = {
  core: [data, services, drivers, edge, top],
  data: [services, drivers, edge, top],
  services: [drivers, edge, top],
  drivers: [edge, top],
  edge: [top],
};
const layer = { core, data, services, drivers, edge };

module.exports = {
  forbidden: [
    ...Object.entries(above).map(([name, higher]) => ({
      name: `${name}-imports-higher-layer`,
      comment: `${name} may import only its own layer and lower ones (ARCHITECTURE.md)`,
      severity: 'error',
      from: { path: layer[name], pathNot: tests },
      to: { path: higher.join('|') },
    })),
    {
      name: 'production-imports-test-code',
      comment: 'test and e2e code never ships',
      severity: 'error',
      from: { path: '^(lib|app|db|emails|scripts)/', pathNot: `${tests}|^scripts/dev/` },
      to: { path: '^(e2e|test)/' },
    },
    {
      name: 'unlayered-lib-folder',
      comment: 'every lib/ module belongs to a declared layer: add new folders to .dependency-cruiser.cjs and ARCHITECTURE.md',
      severity: 'error',
      from: { path: '^lib/', pathNot: [core, data, services, drivers, edge, tests].join('|') },
      to: {},
    },
    {
      name: 'no-circular',
      comment: 'import cycles make the order of initialisation and the layers unreadable',
      severity: 'error',
      from: { pathNot: tests },
      to: { circular: true, viaOnly: { pathNot: tests } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.next|data|\\.tmp)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
