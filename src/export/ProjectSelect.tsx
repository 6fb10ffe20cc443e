import { useWorkspace } from '../state/use-workspace.ts';
import { openProject } from './actions.ts';
import { DEFAULT_PROJECT } from './choose-project.ts';

const label = (name: string) => (name === DEFAULT_PROJECT ? 'My project' : name);

/** The open project, and every other one stored in this browser (choosing one opens it). */
export function ProjectSelect() {
  const { project, projects } = useWorkspace();
  const names = projects.some(p => p.name === project) ? projects.map(p => p.name) : [project, ...projects.map(p => p.name)];
  return (
    <select className="project-select" aria-label="Project" value={project} onChange={e => void openProject(e.target.value)}>
      {names.map(name => <option key={name} value={name}>{label(name)}</option>)}
    </select>
  );
}
