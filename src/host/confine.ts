// Pure: a review computed somewhere this run cannot trust (the untrusted half of the fork-safe pair, whose
// artifact the pull request's author controls) → only what may be posted about this change request. Every
// finding about a file outside it is dropped, every other one placed again against the diff the host serves
// (the artifact's own placement is ignored), texts and counts are capped, and so is what the summary lists
// besides findings (skipped files, hunks, suppressed findings).
import type { Finding, PlacedFinding, ReviewResult } from '../types.js';
import { FINDING_CAPS } from './caps.js';
import { type ChangeRequestDiff, canComment } from './commentableLines.js';
import { compareTracked, cut, track } from './markdown.js';
import { restrictToPaths } from './scope.js';

export interface Confined {
  result: ReviewResult;
  /** Findings (suppressed ones included) about files the change request does not touch. */
  outside: number;
  /** Findings over FINDING_CAPS.findings (or repeating a fingerprint), least severe first. */
  overCap: number;
}

function capped(f: Finding): Finding {
  const { quote, suggestion, ...rest } = f;
  return {
    ...rest,
    message: cut(f.message, FINDING_CAPS.message),
    ...(quote !== undefined ? { quote: cut(quote, FINDING_CAPS.quote) } : {}),
    ...(suggestion !== undefined ? { suggestion: cut(suggestion, FINDING_CAPS.suggestion) } : {}),
  };
}

/** Placed again from the host's diff: inline only where the host accepts a comment. */
function placedAgain(f: Finding, diff: ChangeRequestDiff): PlacedFinding {
  if (!f.range) return { finding: f, placement: 'file' };
  const inline = canComment(diff, f.file, f.range.start, f.range.end);
  return { finding: f, placement: inline ? 'inline' : 'summary' };
}

/** Most severe first, one per fingerprint, at most FINDING_CAPS.findings. */
function bounded(findings: readonly PlacedFinding[]): PlacedFinding[] {
  const seen = new Set<string>();
  return [...findings]
    .sort((a, b) => compareTracked(track(a.finding), track(b.finding)))
    .filter((p) => !seen.has(p.finding.fingerprint) && seen.add(p.finding.fingerprint))
    .slice(0, FINDING_CAPS.findings);
}

export function confineToChangeRequest(result: ReviewResult, diff: ChangeRequestDiff): Confined {
  const restricted = restrictToPaths(result, diff.paths).result;
  const { findings } = restricted;
  const suppressed = result.suppressed.filter((s) => diff.paths.has(s.finding.finding.file));
  const outside = result.findings.length - findings.length + (result.suppressed.length - suppressed.length);
  const kept = bounded(findings);
  const keptSuppressed = suppressed.slice(0, FINDING_CAPS.findings);
  return {
    result: {
      ...restricted,
      findings: kept.map((p) => placedAgain(capped(p.finding), diff)),
      suppressed: keptSuppressed.map((s) => ({
        ...s,
        finding: placedAgain(capped(s.finding.finding), diff),
      })),
    },
    outside,
    overCap: findings.length - kept.length + (suppressed.length - keptSuppressed.length),
  };
}
