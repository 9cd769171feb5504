/**
 * A small validator for the flowcharts we emit: every statement is a node, an edge or a
 * classDef; ids are plain; labels are `"…"` with no raw `"` inside (Mermaid entities only).
 */
const ID = '([A-Za-z0-9_]+)';
const LABEL = '"([^"]*)"';
/** A service is a stadium `([…])`, a queue a cylinder `[(…)]`, optionally with a class. */
const NODE = new RegExp(`^  ${ID}(?:\\(\\[${LABEL}\\]\\)|\\[\\(${LABEL}\\)\\])(:::(?:conflict|unconsumed))?$`);
const EDGE = new RegExp(`^  ${ID} -->(?:\\|${LABEL}\\|)? ${ID}$`);
const CLASSDEF = /^ {2}classDef (conflict|unconsumed) [^"]+$/;

export interface Flowchart {
  nodes: Map<string, string>;
  edges: { from: string; to: string; label: string | undefined }[];
}

/** Throws with the offending line when a statement is not one of ours. */
export function parseFlowchart(source: string): Flowchart {
  const [header, ...lines] = source.split('\n');
  if (header !== 'flowchart LR') throw new Error(`bad header: ${header}`);
  const nodes = new Map<string, string>();
  const edges: Flowchart['edges'] = [];
  for (const line of lines) {
    const node = NODE.exec(line);
    const edge = EDGE.exec(line);
    if (node) {
      if (nodes.has(node[1] as string)) throw new Error(`duplicate node id: ${line}`);
      nodes.set(node[1] as string, (node[2] ?? node[3]) as string);
    } else if (edge) {
      edges.push({ from: edge[1] as string, to: edge[3] as string, label: edge[2] });
    } else if (!CLASSDEF.test(line)) {
      throw new Error(`not a valid statement: ${JSON.stringify(line)}`);
    }
  }
  for (const edge of edges) {
    if (!nodes.has(edge.from) || !nodes.has(edge.to)) throw new Error(`edge to undeclared node: ${edge.from} -> ${edge.to}`);
  }
  return { nodes, edges };
}

/** Inverse of the entity encoding, to check labels round-trip to the original names. */
export function decodeMermaidEntities(label: string): string {
  return label.replace(/#(quot|amp|lt|gt|\d+);/g, (_, code: string) => {
    const named: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>' };
    return named[code] ?? String.fromCharCode(Number(code));
  });
}

/** The first diagram: the markdown between ```mermaid and the closing fence. */
export function extractMermaid(markdown: string): string {
  const [first] = extractAllMermaid(markdown);
  if (first === undefined) throw new Error('no mermaid block');
  return first;
}

/** Every diagram of a report, in order. */
export function extractAllMermaid(markdown: string): string[] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1] as string);
}
