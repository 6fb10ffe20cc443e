/**
 * The open project in the top bar: a select that switches to another
 * stored project (most recently saved first), and the project menu beside
 * it (new, rename, duplicate, delete, reset data).
 */
import { displayName, useProjects } from '../projects/project-actions.ts';
import { ProjectMenu } from '../projects/ProjectMenu.tsx';
import { useWorkspace } from '../state/use-workspace.ts';
import { openProject } from './actions.ts';

export function ProjectSelect() {
  const { project } = useWorkspace();
  const projects = useProjects();
  const listed = projects.some(p => p.name === project) ? projects : [{ name: project, sample: undefined }, ...projects];
  return (
    <>
      <select className="project-select" aria-label="Project" value={project} onChange={e => void openProject(e.target.value)}>
        {listed.map(p => <option key={p.name} value={p.name}>{displayName(p.name)}</option>)}
      </select>
      <ProjectMenu />
    </>
  );
}
