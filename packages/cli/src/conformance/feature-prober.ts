import type { FeatureResult } from './conformance-report.js';
import type { ConformanceCase, ConformanceFeature } from './corpus-schema.js';
import type { StepsOutcome } from './run-steps.js';
import { trimEvidence } from './trim-evidence.js';

/** Decides, once per feature, whether the endpoint has it (docs/conformance.md#features). */
export interface FeatureProber {
  /** The first feature `entry` needs that the endpoint lacks, or null when it has them all. */
  missingFeature(entry: ConformanceCase | ConformanceFeature): Promise<FeatureResult | null>;
  /** Every feature probed so far. */
  results(): Promise<FeatureResult[]>;
}

/**
 * Probes features on first need and remembers the answer. Every entry implicitly needs the feature
 * `api:<its api>` when the corpus defines one, so an endpoint without `/responses` reports all
 * Responses cases as unsupported after one request. A probe that fails means "not supported".
 */
export function createFeatureProber(
  features: readonly ConformanceFeature[],
  runProbe: (feature: ConformanceFeature) => Promise<StepsOutcome>,
): FeatureProber {
  const byId = new Map(features.map((feature) => [feature.id, feature]));
  const probes = new Map<string, Promise<FeatureResult>>();

  const requirements = (entry: ConformanceCase | ConformanceFeature): string[] => {
    const implicit = `api:${entry.api}`;
    const own = entry.requires.filter((id) => id !== entry.id);
    const needsImplicit = byId.has(implicit) && entry.id !== implicit && !own.includes(implicit);
    return needsImplicit ? [implicit, ...own] : own;
  };

  const probe = (id: string): Promise<FeatureResult> => {
    const known = probes.get(id);
    if (known !== undefined) return known;
    const feature = byId.get(id) as ConformanceFeature;
    const pending = (async (): Promise<FeatureResult> => {
      const missing = await missingFeature(feature);
      if (missing !== null) return { id, title: feature.title, supported: false, evidence: missing.evidence };
      const outcome = await runProbe(feature);
      return {
        id,
        title: feature.title,
        supported: outcome.status !== 'fail',
        evidence: trimEvidence(outcome.evidence),
      };
    })();
    probes.set(id, pending);
    return pending;
  };

  async function missingFeature(entry: ConformanceCase | ConformanceFeature): Promise<FeatureResult | null> {
    for (const id of requirements(entry)) {
      const result = await probe(id);
      if (!result.supported) return result;
    }
    return null;
  }

  return {
    missingFeature,
    async results() {
      const all = await Promise.all(probes.values());
      return all.sort((a, b) => a.id.localeCompare(b.id));
    },
  };
}
