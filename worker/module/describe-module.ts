import { BinaryReader, type AlgebraicType } from 'spacetimedb';
import { RawModuleDef, type RawModuleDefV10 } from '../generated/module-def.gen.ts';

/** Sections of RawModuleDefV10, keyed by section name, for one (sub)module. */
export type RawSections = {
  typespace: AlgebraicType[];
  types: Extract<RawModuleDefV10['sections'][number], { tag: 'Types' }>['value'];
  tables: Extract<RawModuleDefV10['sections'][number], { tag: 'Tables' }>['value'];
  reducers: Extract<RawModuleDefV10['sections'][number], { tag: 'Reducers' }>['value'];
  procedures: Extract<RawModuleDefV10['sections'][number], { tag: 'Procedures' }>['value'];
  views: Extract<RawModuleDefV10['sections'][number], { tag: 'Views' }>['value'];
  schedules: Extract<RawModuleDefV10['sections'][number], { tag: 'Schedules' }>['value'];
  lifecycle: Extract<RawModuleDefV10['sections'][number], { tag: 'LifeCycleReducers' }>['value'];
  rls: Extract<RawModuleDefV10['sections'][number], { tag: 'RowLevelSecurity' }>['value'];
  viewPrimaryKeys: Extract<RawModuleDefV10['sections'][number], { tag: 'ViewPrimaryKeys' }>['value'];
  snakeCase: boolean;
  explicit: { tables: Map<string, string>; functions: Map<string, string>; indexes: Map<string, string> };
  submodules: { namespace: string; sections: RawSections }[];
};

/** Decodes `__describe_module__()` output with the library's own RawModuleDef type. */
export function decodeModuleDef(bytes: Uint8Array): RawSections {
  const def = RawModuleDef.deserialize(new BinaryReader(bytes)) as { tag: string; value: unknown };
  if (def.tag !== 'V10') throw new Error(`unsupported module definition ${def.tag}: this host reads RawModuleDef V10 (spacetimedb 2.x)`);
  return sectionsOf(def.value as RawModuleDefV10);
}

function sectionsOf(def: RawModuleDefV10): RawSections {
  const out: RawSections = {
    typespace: [],
    types: [],
    tables: [],
    reducers: [],
    procedures: [],
    views: [],
    schedules: [],
    lifecycle: [],
    rls: [],
    viewPrimaryKeys: [],
    snakeCase: true,
    explicit: { tables: new Map(), functions: new Map(), indexes: new Map() },
    submodules: [],
  };
  for (const s of def.sections) {
    switch (s.tag) {
      case 'Typespace': out.typespace = s.value.types as AlgebraicType[]; break;
      case 'Types': out.types = s.value; break;
      case 'Tables': out.tables = s.value; break;
      case 'Reducers': out.reducers = s.value; break;
      case 'Procedures': out.procedures = s.value; break;
      case 'Views': out.views = s.value; break;
      case 'Schedules': out.schedules = s.value; break;
      case 'LifeCycleReducers': out.lifecycle = s.value; break;
      case 'RowLevelSecurity': out.rls = s.value; break;
      case 'ViewPrimaryKeys': out.viewPrimaryKeys = s.value; break;
      case 'CaseConversionPolicy': out.snakeCase = s.value.tag === 'SnakeCase'; break;
      case 'ExplicitNames':
        for (const e of s.value.entries) {
          const map = e.tag === 'Table' ? out.explicit.tables : e.tag === 'Function' ? out.explicit.functions : out.explicit.indexes;
          map.set(e.value.sourceName, e.value.canonicalName);
        }
        break;
      case 'Submodules':
        out.submodules = s.value.map(m => ({ namespace: m.namespace, sections: sectionsOf(m.module as RawModuleDefV10) }));
        break;
      default:
        break;
    }
  }
  return out;
}
