import picomatch from 'picomatch';
import type { ClassifiedPackage } from '../discovery/services.js';
import type { ChainStep, ConsumerEntry } from './result.js';

export type AttributionKind = ConsumerEntry['attribution'];

/** One service a fact runs in, and why we believe so. */
export interface Attribution {
  service: string;
  attribution: AttributionKind;
  conditions?: string[];
  via?: ChainStep[];
}

/** Finds the package that contains a repo-relative file (the deepest package root wins). */
export class PackageIndex {
  private readonly sorted: ClassifiedPackage[];
  private readonly byGlobs: Array<{ pkg: ClassifiedPackage; match: (file: string) => boolean }>;

  constructor(readonly packages: ClassifiedPackage[]) {
    this.sorted = packages.filter((p) => !p.globs).sort((a, b) => b.root.length - a.root.length);
    this.byGlobs = packages.filter((p) => p.globs).map((pkg) => ({ pkg, match: picomatch(pkg.globs!, { dot: true }) }));
  }

  /** The service or package a file belongs to: config globs first, then the deepest package root. */
  packageOf(file: string): ClassifiedPackage | undefined {
    const declared = this.byGlobs.find((g) => g.match(file));
    if (declared) return declared.pkg;
    return this.sorted.find((p) => p.root === '.' || file === p.root || file.startsWith(`${p.root}/`));
  }

  byName(name: string): ClassifiedPackage | undefined {
    return this.packages.find((p) => p.name === name);
  }
}
