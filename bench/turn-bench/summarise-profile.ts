import { readFileSync } from 'node:fs';
import { sep } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface SelfTime {
  readonly name: string;
  readonly ms: number;
  /** Of the busy time (all samples but idle). */
  readonly share: number;
}

export interface ProfileSummary {
  readonly busyMs: number;
  readonly idleMs: number;
  readonly byPackage: readonly SelfTime[];
  readonly byFunction: readonly SelfTime[];
}

/** Which package a frame's code belongs to: an npm package, our src/<area>, Node itself, or V8's own. */
export function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node (built-in modules)';
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf(`${sep}node_modules${sep}`);
  if (modules >= 0) {
    const rest = path.slice(modules + 14).split(sep);
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? path);
  }
  const src = path.lastIndexOf(`${sep}src${sep}`);
  if (src >= 0) return `security-desk src/${path.slice(src + 5).split(sep)[0] ?? ''}`;
  return path;
}

/** Self time (where the samples landed) by package and by function, busiest first. */
export function summariseProfile(file: string): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let idle = 0;
  let busy = 0;
  profile.samples.forEach((id, index) => {
    const micros = profile.timeDeltas[index] ?? 0;
    const frame = nodes.get(id)?.callFrame;
    if (!frame) return;
    if (frame.functionName === '(idle)') {
      idle += micros;
      return;
    }
    busy += micros;
    const pkg = packageOf(frame.url, frame.functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
    const where = frame.url ? `${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}` : '';
    const name =
      `${frame.functionName || '(anonymous)'} ${pkg === frame.functionName ? '' : `[${pkg}] ${where}`}`.trim();
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  });
  const ranked = (map: Map<string, number>): SelfTime[] =>
    [...map.entries()]
      .map(([name, micros]) => ({ name, ms: micros / 1000, share: busy ? micros / busy : 0 }))
      .sort((a, b) => b.ms - a.ms);
  return {
    busyMs: busy / 1000,
    idleMs: idle / 1000,
    byPackage: ranked(byPackage),
    byFunction: ranked(byFunction),
  };
}

export function profileLines(file: string, top = 15): string[] {
  const summary = summariseProfile(file);
  const row = (entry: SelfTime) =>
    `  ${(entry.share * 100).toFixed(1).padStart(5)} %  ${entry.ms.toFixed(0).padStart(7)} ms  ${entry.name}`;
  return [
    `profile ${file}: busy ${summary.busyMs.toFixed(0)} ms, idle ${summary.idleMs.toFixed(0)} ms; self time by package:`,
    ...summary.byPackage.slice(0, top).map(row),
    'top functions by self time:',
    ...summary.byFunction.slice(0, top).map(row),
  ];
}
