// Advisory ids the user names (--ignore-vuln, `ignore-vulns`, and --select/--ignore values that look
// like advisory ids): dropping ignored advisories before matching, as pip-audit's --ignore-vuln
// does, and warning about ids the advisory data in use does not have.
import { looksLikeAdvisoryId, type Config } from '../core/config.js';
import { mergeAliases, type Advisory } from './osv.js';
import type { AdvisorySource } from './sources.js';

export interface GivenAdvisoryId {
  id: string;
  /** Where it was given: '--ignore-vuln', '--select', 'pyproject.toml: ignore-vulns', ... */
  where: string;
}

/** The advisory ids of the command line and configuration, each with where it came from. */
export function givenAdvisoryIds(cli: { ignoreVulns?: string[]; select?: string[]; ignore?: string[] }, config: Config): GivenAdvisoryId[] {
  const src = config.source ?? 'configuration';
  const out: GivenAdvisoryId[] = [];
  const add = (ids: string[] | undefined, where: string, all: boolean) => {
    for (const id of ids ?? []) if (all || looksLikeAdvisoryId(id)) out.push({ id, where });
  };
  add(cli.ignoreVulns, '--ignore-vuln', true);
  add(config.ignoreVulns, `${src}: ignore-vulns`, true);
  add(cli.select, '--select', false);
  add(cli.ignore, '--ignore', false);
  add(config.select, `${src}: select`, false);
  add(config.ignore, `${src}: ignore`, false);
  return out;
}

/**
 * Drops every advisory that is the same vulnerability as an ignored id: a group of records whose
 * ids and aliases overlap (PYSEC-…, GHSA-…, CVE-…) goes as a whole, whichever of its ids is given.
 */
export function dropIgnoredAdvisories(advs: Advisory[], ignored: ReadonlySet<string>): Advisory[] {
  if (!ignored.size || !advs.length) return advs;
  return mergeAliases(advs)
    .filter((g) => ![g.id, ...g.aliases].some((i) => ignored.has(i.toUpperCase())))
    .flatMap((g) => g.records);
}

const DATA_NAME: Record<AdvisorySource['kind'], string> = {
  bundled: 'the bundled advisory data',
  local: 'the local advisory store',
  online: 'the OSV API',
};

/** Warnings for given ids that match no advisory (id or alias) of the source; none when the source cannot tell. */
export async function unknownAdvisoryIdWarnings(given: GivenAdvisoryId[], source: AdvisorySource): Promise<string[]> {
  if (!given.length || !source.knownIds) return [];
  const known = await source.knownIds([...new Set(given.map((g) => g.id))]);
  if (!known) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const g of given) {
    const key = `${g.where}\u0000${g.id.toUpperCase()}`;
    if (known.has(g.id.toUpperCase()) || seen.has(key)) continue;
    seen.add(key);
    out.push(`${g.where}: advisory id '${g.id}' matches no advisory in ${DATA_NAME[source.kind]}; it has no effect`);
  }
  return out;
}
