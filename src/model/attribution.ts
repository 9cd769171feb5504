import type { ClassifiedPackage } from '../discovery/services.js';
import type { ConsumerEntry } from './result.js';

export type AttributionKind = ConsumerEntry['attribution'];

/** One service a fact runs in, and why we believe so. */
export interface Attribution {
  service: string;
  attribution: AttributionKind;
  conditions?: string[];
}

/** Finds the package that contains a repo-relative file (the deepest package root wins). */
export class PackageIndex {
  private readonly sorted: ClassifiedPackage[];

  constructor(readonly packages: ClassifiedPackage[]) {
    this.sorted = [...packages].sort((a, b) => b.root.length - a.root.length);
  }

  packageOf(file: string): ClassifiedPackage | undefined {
    return this.sorted.find((p) => p.root === '.' || file === p.root || file.startsWith(`${p.root}/`));
  }

  byName(name: string): ClassifiedPackage | undefined {
    return this.packages.find((p) => p.name === name);
  }
}
