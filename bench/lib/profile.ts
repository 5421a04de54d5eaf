import { readFileSync } from 'node:fs';

interface CpuNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: CpuNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  idleMs: number;
  byArea: { area: string; ms: number; share: number }[];
  byFunction: { fn: string; ms: number; share: number }[];
}

/** Where a frame's code lives: an npm package, a repo folder, Node's own code, or a VM pseudo-frame. */
function areaOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node:internals';
  const repo = /\/(server|bench|contracts)\/(.*?)(?:\/[^/]*)?$/.exec(url);
  if (repo) return `${repo[1]}/${repo[2] || ''}`.replace(/\/$/, '');
  return url.replace(/^file:\/\//, '');
}

/** Self time by area and by function from a V8 .cpuprofile (as written by `node --cpu-prof`). */
export function summarizeProfile(file: string, top = 25): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const id = p.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  }
  const area = new Map<string, number>();
  const fns = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, ms] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') {
      idle += ms;
      continue;
    }
    total += ms;
    const a = areaOf(url, functionName);
    area.set(a, (area.get(a) ?? 0) + ms);
    const short = url ? url.replace(/^.*\/(node_modules|server|bench|contracts)\//, '$1/') : '';
    const key = `${functionName || '(anonymous)'} ${short ? `${short}:${lineNumber + 1}` : ''}`.trim();
    fns.set(key, (fns.get(key) ?? 0) + ms);
  }
  const sorted = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((x, y) => y[1] - x[1])
      .slice(0, top)
      .map(([k, ms]) => ({ k, ms: Math.round(ms), share: Math.round((ms / total) * 1000) / 10 }));
  return {
    totalMs: Math.round(total),
    idleMs: Math.round(idle),
    byArea: sorted(area).map(({ k, ms, share }) => ({ area: k, ms, share })),
    byFunction: sorted(fns).map(({ k, ms, share }) => ({ fn: k, ms, share })),
  };
}
