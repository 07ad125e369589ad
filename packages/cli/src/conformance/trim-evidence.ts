import { conformanceDefaults } from './conformance-defaults.js';
import type { Evidence } from './run-steps.js';

function trimValue(value: unknown): unknown {
  if (value === undefined) return null;
  const text = JSON.stringify(value);
  if (text === undefined || text.length <= conformanceDefaults.maxEvidenceChars) return value;
  return `${text.slice(0, conformanceDefaults.maxEvidenceChars)}… (${text.length} characters)`;
}

/** Evidence as it goes into the report: values bounded in size, `undefined` as null (JSON has no undefined). */
export function trimEvidence(evidence: readonly Evidence[]): Evidence[] {
  return evidence.map((entry) => ({
    ...entry,
    expected: trimValue(entry.expected),
    actual: trimValue(entry.actual),
  }));
}
