import { useEffect } from 'react';
import { CodeEditor } from './editor/CodeEditor.tsx';
import { FileTabs } from './editor/FileTabs.tsx';
import { Dock } from './layout/Dock.tsx';
import { Splitter } from './layout/Splitter.tsx';
import { StatusBar } from './layout/StatusBar.tsx';
import { TopBar } from './layout/TopBar.tsx';
import { ClientsPanel } from './panels/ClientsPanel.tsx';
import { LogPanel } from './panels/LogPanel.tsx';
import { CommandPalette } from './palette/CommandPalette.tsx';
import { ProblemsPanel } from './panels/ProblemsPanel.tsx';
import { ReducersPanel } from './panels/ReducersPanel.tsx';
import { SchemaDiffDialog } from './schema-diff/SchemaDiffDialog.tsx';
import { SqlPanel } from './panels/SqlPanel.tsx';
import { SubscriptionsPanel } from './panels/SubscriptionsPanel.tsx';
import { TablesPanel } from './panels/TablesPanel.tsx';
import { useWorkspace } from './state/use-workspace.ts';
import { PastBanner } from './timeline/PastBanner.tsx';
import { TimelinePanel } from './timeline/TimelinePanel.tsx';
import { Tour } from './tour/Tour.tsx';
import { useViewing } from './timeline/timeline-store.ts';
import { workspace } from './state/workspace.ts';

const num = (v: string | number | undefined, fallback: number) => (typeof v === 'number' ? v : fallback);

/** The IDE: top bar; editor | database dock; clients and log dock; status bar. */
export function App() {
  const s = useWorkspace();
  const viewing = useViewing();
  useEffect(() => void workspace.boot(), []);
  useEffect(() => {
    // Ctrl/Cmd+S publishes from anywhere (Monaco handles it itself while focused).
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void workspace.publish();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const editorWidth = num(s.layout['editor-width'], 46);
  const bottomHeight = num(s.layout['bottom-height'], 400);
  const problems = s.diagnostics.length + s.tsProblems.filter(p => p.severity === 'error').length;
  const failures = s.log.filter(i => 'tx' in i && i.tx.outcome.status !== 'committed').length;

  return (
    <div className={viewing === null ? 'app' : 'app viewing-past'} style={{ gridTemplateRows: `auto auto minmax(160px, 1fr) 5px ${bottomHeight}px auto` }}>
      <TopBar />
      <PastBanner />
      <main className="workbench" style={{ gridTemplateColumns: `${editorWidth}% 5px minmax(0, 1fr)` }}>
        <section className="editor-area" aria-label="Module source">
          <FileTabs />
          <CodeEditor files={s.files} active={s.active} diagnostics={s.diagnostics} reveal={s.reveal}
            onChange={workspace.setFile} onPublish={() => void workspace.publish()} onProblems={workspace.setTsProblems} />
        </section>
        <Splitter orientation="vertical" label="Resize editor" value={editorWidth} min={20} max={75} onChange={v => workspace.setLayout('editor-width', v)}
          scale={window.innerWidth / 100} />
        <Dock label="Database" selected={String(s.layout['right-tab'] ?? 'tables')} onSelect={id => workspace.setLayout('right-tab', id)} tabs={[
          { id: 'tables', label: 'Tables', badge: s.module?.tables.length, render: () => <TablesPanel /> },
          { id: 'sql', label: 'SQL', render: () => <SqlPanel /> },
          { id: 'subscriptions', label: 'Subscriptions', render: () => <SubscriptionsPanel /> },
          { id: 'reducers', label: 'Reducers', badge: s.forms.length, render: () => <ReducersPanel /> },
        ]} />
      </main>
      <Splitter orientation="horizontal" label="Resize bottom panel" value={bottomHeight} min={120} max={700} invert onChange={v => workspace.setLayout('bottom-height', v)} />
      <Dock label="Activity" className="bottom" selected={String(s.layout['bottom-tab'] ?? 'clients')} onSelect={id => workspace.setLayout('bottom-tab', id)} tabs={[
        { id: 'clients', label: 'Clients', badge: s.clients.length, render: () => <ClientsPanel /> },
        { id: 'log', label: 'Log', badge: failures ? `${failures} failed` : undefined, render: active => <LogPanel active={active} /> },
        { id: 'problems', label: 'Problems', badge: problems, render: () => <ProblemsPanel /> },
        { id: 'timeline', label: 'Timeline', badge: viewing === null ? undefined : `#${viewing}`, render: active => <TimelinePanel active={active} /> },
      ]} />
      <StatusBar />
      <SchemaDiffDialog />
      <CommandPalette />
      <Tour />
    </div>
  );
}
