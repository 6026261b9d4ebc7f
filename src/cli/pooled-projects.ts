// When a run asks for both the api and the integrity project, Playwright runs them as one project: workers belong to a
// project, so a queue moving from api to integrity would stop every worker and start a new one (about 1.5 s per slot on
// two cores). A check's stage still comes from its folder, tests/<stage>/.

/** The project that serves tests/api and tests/integrity together. */
export const POOLED_PROJECT = 'api+integrity';
/** Set to 1 in Playwright's environment when the config should define the pooled project instead of the two. */
export const POOLED_PROJECTS_ENV = 'HOLDFAST_POOL_API_INTEGRITY';

/** The Playwright projects for the requested ones, and the environment that makes the config define them. */
export function pooledProjects(requested: string[]): { projects: string[]; env: Record<string, string> } {
  if (!(requested.includes('api') && requested.includes('integrity'))) return { projects: requested, env: { [POOLED_PROJECTS_ENV]: '0' } };
  return { projects: [POOLED_PROJECT, ...requested.filter((p) => p !== 'api' && p !== 'integrity')], env: { [POOLED_PROJECTS_ENV]: '1' } };
}

/** The stage a spec file belongs to (its folder under tests/), or undefined outside it. */
export function stageOfSpec(file: string): string | undefined {
  return /[\\/]tests[\\/](api|integrity|web)[\\/]/.exec(file)?.[1];
}
