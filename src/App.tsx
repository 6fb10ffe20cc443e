import { useState } from 'react';
import chatSource from '../samples/chat/index.ts?raw';
import { ActivityPanel } from './panels/ActivityPanel.tsx';
import { ClientsPanel } from './panels/ClientsPanel.tsx';
import { ModulePanel } from './panels/ModulePanel.tsx';
import { ReducerPanel } from './panels/ReducerPanel.tsx';
import { TablesPanel } from './panels/TablesPanel.tsx';
import { useEngine } from './use-engine.ts';

const ENTRY = 'index.ts';
const SAMPLE = { files: { [ENTRY]: chatSource }, entry: ENTRY };

/** The first page: the chat sample compiled and published in the browser, its tables live, clients and reducer calls. */
export function App() {
  const engine = useEngine(SAMPLE);
  const [source, setSource] = useState(chatSource);
  const { module, status } = engine;
  const busy = status.tone === 'busy';

  return (
    <div className="app">
      <header className="topbar">
        <h1>
          Spacetime Playground <span className="muted">· a SpacetimeDB host in your browser</span>
        </h1>
        <div role="status" aria-label="Engine status" className={`pill ${status.tone}`}>
          {status.text}
        </div>
      </header>
      <main className="layout">
        <div className="column">
          {module ? (
            <TablesPanel module={module} version={engine.version} />
          ) : (
            <section className="panel">
              <h2>Tables</h2>
              <p className="empty">{status.tone === 'error' ? 'Nothing is published.' : 'Compiling the chat sample in your browser…'}</p>
            </section>
          )}
          <ModulePanel
            source={source}
            onChange={setSource}
            onPublish={() => void engine.publish({ [ENTRY]: source }, ENTRY)}
            onReset={() => setSource(chatSource)}
            diagnostics={engine.diagnostics}
            busy={busy}
          />
        </div>
        <div className="column side">
          <ClientsPanel clients={engine.clients} disabled={!module} />
          {module && <ReducerPanel module={module} clients={engine.clients} />}
          <ActivityPanel items={engine.activity} />
        </div>
      </main>
    </div>
  );
}
